package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.engine.ArchetypeCoordinates;
import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.Option;
import io.github.lambdacontainer.engine.RefusedCombination;
import io.github.lambdacontainer.engine.RefusedOptionsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the engine reads from the archetype jar as built: the options (names, values, defaults,
 * descriptions) the page and the help show, the refused combinations, and how answers become options.
 */
class EngineMetadataIT extends ReadsTheBuiltArchetype {

    @Test
    void coordinatesAreTheJarsOwn() {
        assertEquals(new ArchetypeCoordinates(System.getProperty("published.groupId"),
                System.getProperty("published.artifactId"), System.getProperty("published.version")), archetype.coordinates());
    }

    /** The goal the page's mvn command names: the archetype plugin this build generates every IT project with. */
    @Test
    void generateGoalIsTheArchetypePluginThisBuildGeneratesWith() {
        assertEquals("org.apache.maven.plugins:maven-archetype-plugin:" + System.getProperty("archetype-plugin.version")
                + ":generate", archetype.generateGoal());
    }

    /** Every option of archetype-metadata.xml, with its default and the values its validationRegex allows. */
    @Test
    void optionsAreTheDescriptorsWithTheirValuesDefaultsAndADescription() throws IOException {
        String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/archetype-metadata.xml"));
        Matcher property = Pattern.compile("<requiredProperty key=\"([^\"]+)\">\\s*<defaultValue>([^<]*)</defaultValue>"
                + "(?:\\s*<validationRegex>\\^\\(([^)]*)\\)\\$</validationRegex>)?").matcher(descriptor);
        Map<String, Option> options = new LinkedHashMap<>();
        archetype.metadata().options().forEach(option -> options.put(option.name(), option));

        assertEquals(List.of("groupId", "artifactId", "version", "package"), List.copyOf(options.keySet()).subList(0, 4));
        assertEquals(null, options.get("groupId").defaultValue());
        int described = 0;
        while (property.find()) {
            Option option = options.get(property.group(1));
            assertEquals(property.group(2), option.defaultValue(), option.name());
            assertEquals(property.group(3) == null ? List.of() : List.of(property.group(3).split("\\|")),
                    option.allowedValues(), option.name());
            described++;
        }
        assertEquals(options.size() - 2, described, "every option but groupId and artifactId has a default");
        options.values().forEach(option -> assertFalse(option.description() == null || option.description().isBlank(),
                option.name() + " has a description"));
    }

    @Test
    void refusedCombinationsAreTheRulesOwnWithTheirSentences() {
        assertEquals(List.of(Map.of("worker", "sqs", "database", "none"), Map.of("managedInstances", "true", "javaVersion", "17"),
                Map.of("managedInstances", "true", "snapStart", "true")),
                archetype.metadata().refusedCombinations().stream().map(RefusedCombination::when).toList());
        for (RefusedCombination combination : archetype.metadata().refusedCombinations()) {
            Map<String, String> answers = new LinkedHashMap<>(Map.of("groupId", "com.example", "artifactId", "app"));
            answers.putAll(combination.when());
            var refused = assertThrows(RefusedOptionsException.class, () -> archetype.generate(answers));
            assertEquals(List.of(combination.reason()), refused.problems());
        }
    }

    @Test
    void blankAnswersTakeTheDefaultPackageDefaultsToGroupIdAndOtherNamesAreIgnored() throws Exception {
        GeneratedProject project = archetype.generate(Map.of("groupId", "org.acme", "artifactId", "shop", "framework", " ",
                "skipTests", "true", "maven.repo.local", "/tmp/x"));

        String record = new String(project.files().get(".mvn/archetype.properties").content(), StandardCharsets.UTF_8);
        assertTrue(record.contains("\npackage=org.acme\nframework=springboot\n"), record);
        assertTrue(project.files().containsKey("src/main/java/org/acme/LambdaHandler.java"), project.files().keySet().toString());
        assertFalse(record.contains("skipTests"), record);
    }

    @Test
    void aMissingGroupIdOrArtifactIdIsRefusedByName() {
        var refused = assertThrows(RefusedOptionsException.class, () -> archetype.generate(Map.of()));

        assertEquals(List.of("Property groupId is missing: give -DgroupId=someValue.",
                "Property artifactId is missing: give -DartifactId=someValue."), refused.problems());
    }

    @Test
    void pathsOutOfTheProjectAreRefusedBeforeAnythingIsRendered() {
        for (Map.Entry<String, String> hostile : Map.of("artifactId", "../escape", "package", "com/../../etc",
                "groupId", "a\u0000b").entrySet()) {
            Map<String, String> answers = new LinkedHashMap<>(Map.of("groupId", "com.example", "artifactId", "app"));
            answers.put(hostile.getKey(), hostile.getValue());
            var refused = assertThrows(RefusedOptionsException.class, () -> archetype.generate(answers));
            assertTrue(refused.getMessage().startsWith("Invalid value for property '" + hostile.getKey() + "'"),
                    refused.getMessage());
        }
    }
}
