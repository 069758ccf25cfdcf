package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's options table says what the archetype does: every option with its allowed
 * values (those marked * are refused as not supported yet) and its default.
 */
class ReadmeOptionsTest {

    private static final Path METADATA = Path.of("target/classes/META-INF/maven/archetype-metadata.xml");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`(\\*?)");

    record Option(String key, List<String> allowed, String defaultValue) {}

    static Stream<Option> options() throws Exception {
        Document metadata = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(METADATA.toFile());
        NodeList properties = metadata.getElementsByTagName("requiredProperty");
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            String regex = text(property, "validationRegex");
            if (regex != null && regex.startsWith("^(")) {
                List<String> allowed = List.of(regex.substring(2, regex.length() - 2).split("\\|"));
                options.add(new Option(property.getAttribute("key"), allowed, text(property, "defaultValue")));
            }
        }
        assertTrue(options.size() >= 7, "options found in " + METADATA);
        return options.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void readmeRowMatchesTheArchetype(Option option) throws Exception {
        String row = Files.readAllLines(Path.of("../README.md")).stream()
                .filter(line -> line.startsWith("| `" + option.key() + "` |"))
                .findFirst()
                .orElse(null);
        assertNotNull(row, "README.md has no options row for " + option.key());
        String[] cells = row.split("\\|");

        List<String> values = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        Matcher value = BACKTICKED.matcher(cells[2]);
        while (value.find()) {
            values.add(value.group(1));
            if (!value.group(2).isEmpty()) {
                unsupported.add(value.group(1));
            }
        }
        assertEquals(option.allowed(), values, "allowed values of " + option.key());
        assertEquals(unsupportedInPom(option.key()), unsupported, "values of " + option.key() + " marked *");
        assertEquals("`" + option.defaultValue() + "`", cells[3].strip(), "default of " + option.key());
    }

    private static List<String> unsupportedInPom(String key) throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String unsupported = text(pom.getDocumentElement(), "option." + key + ".unsupported");
        return unsupported == null || unsupported.isEmpty() ? List.of() : List.of(unsupported.split("\\|"));
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }
}
