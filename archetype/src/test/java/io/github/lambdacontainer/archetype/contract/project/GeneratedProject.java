package io.github.lambdacontainer.archetype.contract.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.expectation.BatchResponseExpectation;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The files of a generated project the contract is about: its Java version (pom.xml), its SAM
 * template, and its sample events with the outcome {@code events/expected.json} records for each.
 */
public record GeneratedProject(
        Path directory,
        int javaVersion,
        String javaVersionProperty,
        SamTemplate template,
        Map<String, Path> events,
        Map<String, Expectation> expectations) {

    public static final String EXPECTED_FILE = "expected.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static GeneratedProject load(Path directory) {
        if (!Files.isRegularFile(directory.resolve("pom.xml"))) {
            throw new AssertionError(directory + " has no pom.xml; it is not a generated project");
        }
        Map<String, String> properties = pomProperties(directory.resolve("pom.xml"));
        String property = properties.containsKey("java.version") ? "java.version" : "maven.compiler.release";
        String version = properties.get(property);
        if (version == null || !version.matches("\\d+")) {
            throw new AssertionError("pom.xml must set <java.version> (or <maven.compiler.release>) to a Java feature "
                    + "release such as 25, but has " + version);
        }
        Path templateFile = directory.resolve("template.yaml");
        if (!Files.isRegularFile(templateFile)) {
            throw new AssertionError(directory + " has no template.yaml");
        }
        Map<String, Path> events = events(directory.resolve("events"));
        return new GeneratedProject(directory, Integer.parseInt(version), property, SamTemplate.load(templateFile),
                events, expectations(directory.resolve("events").resolve(EXPECTED_FILE), events));
    }

    public byte[] eventBytes(String eventName) {
        try {
            return Files.readAllBytes(events.get(eventName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Path> events(Path eventsDirectory) {
        if (!Files.isDirectory(eventsDirectory)) {
            throw new AssertionError("the project has no events/ directory of sample events");
        }
        Map<String, Path> events = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(eventsDirectory)) {
            files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(file -> !file.getFileName().toString().equals(EXPECTED_FILE))
                    .sorted()
                    .forEach(file -> events.put(file.getFileName().toString(), file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (events.isEmpty()) {
            throw new AssertionError("events/ holds no sample event (*.json besides expected.json)");
        }
        return events;
    }

    /** Every event has an entry and every entry names an event, so neither can drift silently. */
    private static Map<String, Expectation> expectations(Path expectedFile, Map<String, Path> events) {
        if (!Files.isRegularFile(expectedFile)) {
            throw new AssertionError("events/" + EXPECTED_FILE + " is missing; it records each event's expected outcome");
        }
        JsonNode root;
        try {
            root = JSON.readTree(expectedFile.toFile());
        } catch (IOException e) {
            throw new AssertionError("events/" + EXPECTED_FILE + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new AssertionError("events/" + EXPECTED_FILE + " must be an object keyed by event file name");
        }
        TreeSet<String> unknown = new TreeSet<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!events.containsKey(name)) {
                unknown.add(name);
            }
        });
        TreeSet<String> missing = new TreeSet<>(events.keySet());
        root.fieldNames().forEachRemaining(missing::remove);
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("events/" + EXPECTED_FILE + " has entries for event files that do not exist in events/: " + unknown);
        }
        if (!missing.isEmpty()) {
            problems.add("events/" + EXPECTED_FILE + " has no entry for the events " + missing);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems));
        }
        Map<String, Expectation> expectations = new LinkedHashMap<>();
        events.keySet().forEach(name -> expectations.put(name, Expectation.parse(name, root.get(name))));
        expectations.forEach((name, expectation) -> {
            if (expectation instanceof BatchResponseExpectation batch) {
                List<String> strangers = batch.identifiersMissingFrom(readJson(events.get(name)));
                if (!strangers.isEmpty()) {
                    problems.add("events/" + EXPECTED_FILE + " expects " + name + " to report " + strangers
                            + " as failed, but the event has no message with that messageId");
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems));
        }
        return expectations;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("events/" + file.getFileName() + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The pom's {@code <properties>}, with {@code ${other.property}} references resolved. */
    private static Map<String, String> pomProperties(Path pom) {
        Map<String, String> properties = new HashMap<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            for (Node child = document.getDocumentElement().getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && element.getTagName().equals("properties")) {
                    NodeList entries = element.getChildNodes();
                    for (int i = 0; i < entries.getLength(); i++) {
                        if (entries.item(i) instanceof Element entry) {
                            properties.put(entry.getTagName(), entry.getTextContent().strip());
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new AssertionError("pom.xml cannot be read: " + e.getMessage(), e);
        }
        Pattern reference = Pattern.compile("\\$\\{([^}]+)}");
        for (int round = 0; round < 5; round++) {
            properties.replaceAll((name, value) -> {
                Matcher matcher = reference.matcher(value);
                return matcher.replaceAll(match -> Matcher.quoteReplacement(
                        properties.getOrDefault(match.group(1), match.group())));
            });
        }
        return properties;
    }
}
