package io.github.lambdacontainer.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What META-INF/maven/archetype-metadata.xml (archetype-descriptor 1.2.0) says: the required properties
 * with their defaults, and the fileSets in their order. Modules and partial archetypes are not read:
 * this archetype has neither.
 */
record ArchetypeDescriptor(List<RequiredProperty> requiredProperties, List<FileSet> fileSets) {

    record RequiredProperty(String key, String defaultValue) {
    }

    /**
     * One fileSet. Text is trimmed, as the descriptor's reader (Modello) trims it; filtered and packaged
     * default to false; no encoding means UTF-8 (DefaultFilesetArchetypeGenerator.getEncoding).
     */
    record FileSet(String directory, boolean filtered, boolean packaged, String encoding, String includeCondition,
            List<String> includes, List<String> excludes) {
    }

    static ArchetypeDescriptor parse(byte[] xml) throws IOException {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("archetype-metadata.xml cannot be read: " + e.getMessage(), e);
        }
        List<RequiredProperty> properties = new ArrayList<>();
        for (Element property : children(child(root, "requiredProperties"), "requiredProperty")) {
            Element defaultValue = child(property, "defaultValue");
            properties.add(new RequiredProperty(property.getAttribute("key").trim(),
                    defaultValue == null ? null : defaultValue.getTextContent().trim()));
        }
        List<FileSet> fileSets = new ArrayList<>();
        for (Element fileSet : children(child(root, "fileSets"), "fileSet")) {
            Element directory = child(fileSet, "directory");
            String encoding = fileSet.getAttribute("encoding").trim();
            fileSets.add(new FileSet(directory == null ? "" : directory.getTextContent().trim(),
                    Boolean.parseBoolean(fileSet.getAttribute("filtered").trim()),
                    Boolean.parseBoolean(fileSet.getAttribute("packaged").trim()),
                    encoding.isEmpty() ? "UTF-8" : encoding,
                    fileSet.getAttribute("includeCondition"),
                    texts(child(fileSet, "includes"), "include"),
                    texts(child(fileSet, "excludes"), "exclude")));
        }
        return new ArchetypeDescriptor(List.copyOf(properties), List.copyOf(fileSets));
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream().map(element -> element.getTextContent().trim()).toList();
    }
}
