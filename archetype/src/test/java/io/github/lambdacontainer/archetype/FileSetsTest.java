package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.codehaus.plexus.util.SelectorUtils;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Generation prints no warning of the archetype's making. The archetype plugin (3.4.1) creates
 * each fileset's directory, then writes every archetype-resources entry of the jar the fileset
 * selects, directories included; an entry whose target already exists is skipped with a
 * "Don't override file" warning. The default includes (**) select the entry of the fileset's own
 * directory, so every such fileset warned once. This checks the selection as the plugin makes it
 * (its ListScanner: directory + "/" + pattern, a pattern ending in "/" gets "**", matched by
 * plexus-utils' SelectorUtils).
 */
class FileSetsTest {

    private static final Path METADATA = Path.of("target/classes/META-INF/maven/archetype-metadata.xml");
    private static final Path RESOURCES = Path.of("target/classes/archetype-resources");

    record FileSet(String directory, List<String> includes, List<String> excludes) {
        boolean selects(String entry) {
            List<String> patterns = includes.isEmpty() ? List.of("**") : includes;
            return patterns.stream().anyMatch(pattern -> matches(pattern, entry))
                    && excludes.stream().noneMatch(pattern -> matches(pattern, entry));
        }

        private boolean matches(String pattern, String entry) {
            String full = (directory.isEmpty() ? "" : directory + "/") + (pattern.endsWith("/") ? pattern + "**" : pattern);
            return SelectorUtils.matchPath(full, entry, true);
        }
    }

    @Test
    void noFileSetSelectsTheEntryOfItsOwnDirectory() throws Exception {
        List<String> entries = jarEntries();
        List<FileSet> fileSets = fileSets();
        assertTrue(fileSets.size() > 20, "file sets found in " + METADATA);

        for (FileSet fileSet : fileSets) {
            String ownDirectory = fileSet.directory().isEmpty() ? "" : fileSet.directory() + "/";
            assertTrue(entries.contains(ownDirectory), "the jar lists " + ownDirectory);
            assertFalse(fileSet.selects(ownDirectory),
                    "fileset " + fileSet.directory() + " selects its own directory: name its includes (**/*)");
            assertTrue(entries.stream().anyMatch(fileSet::selects), "fileset " + fileSet.directory() + " selects files");
        }
    }

    @Test
    void theDefaultIncludesWouldSelectTheFileSetsOwnDirectory() {
        assertTrue(new FileSet("src/main/docker", List.of(), List.of()).selects("src/main/docker/"));
        assertFalse(new FileSet("src/main/docker", List.of("**/*"), List.of()).selects("src/main/docker/"));
        assertTrue(new FileSet("src/main/docker", List.of("**/*"), List.of()).selects("src/main/docker/entrypoint.sh"));
        assertTrue(new FileSet("src/main/java", List.of("**/*"), List.of()).selects("src/main/java/web/Health.java"));
    }

    /** The archetype-resources entries as the plugin lists them from the jar: relative, directories ending in "/". */
    private static List<String> jarEntries() throws Exception {
        try (Stream<Path> paths = Files.walk(RESOURCES)) {
            return paths.map(path -> {
                String relative = RESOURCES.relativize(path).toString().replace('\\', '/');
                return Files.isDirectory(path) && !relative.isEmpty() ? relative + "/" : relative;
            }).toList();
        }
    }

    private static List<FileSet> fileSets() throws Exception {
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(METADATA.toFile())
                .getElementsByTagName("fileSet");
        List<FileSet> fileSets = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element fileSet = (Element) nodes.item(i);
            String directory = fileSet.getElementsByTagName("directory").item(0).getTextContent().strip();
            fileSets.add(new FileSet(directory, texts(fileSet, "include"), texts(fileSet, "exclude")));
        }
        return fileSets;
    }

    private static List<String> texts(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }
}
