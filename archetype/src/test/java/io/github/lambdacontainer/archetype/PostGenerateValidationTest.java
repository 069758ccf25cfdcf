package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.ProjectFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the built archetype-post-generate.groovy the way the archetype plugin does, on a
 * directory laid out like a freshly generated project: batch mode never checks
 * validationRegex, so this script is the only guard against bad option values.
 */
class PostGenerateValidationTest {

    private static final Path SCRIPT = Path.of("target/classes/META-INF/archetype-post-generate.groovy");

    @TempDir
    Path outputDirectory;

    /** Every refusal of refused-options.csv (the engine is tested with the same cases): one line, nothing left behind. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvFileSource(resources = RefusedOptionsCase.CASES, delimiter = '|')
    void refusedOptionsFailWithTheirSentenceAndLeaveNothingBehind(String options, String otherNames, String message)
            throws IOException {
        RefusedOptionsCase refused = RefusedOptionsCase.of(options, otherNames);
        Path project = generatedProject(refused.artifactId());
        Map<String, String> commandLine = new HashMap<>(refused.options());
        commandLine.putAll(refused.otherNames());

        var failure = assertThrows(IllegalArgumentException.class,
                () -> runScript(refused.artifactId(), refused.options(), commandLine));

        assertEquals(message, failure.getMessage());
        assertFalse(Files.exists(project), "the half-generated project must be removed");
    }

    @Test
    void managedInstancesWithJava17AndSnapStartReportsBothProblems() throws IOException {
        generatedProject("app");

        var failure = assertThrows(IllegalArgumentException.class,
                () -> runScript("app", Map.of("managedInstances", "true", "javaVersion", "17", "snapStart", "true")));

        assertTrue(failure.getMessage().contains("support Java 21 and later only"), failure.getMessage());
        assertTrue(failure.getMessage().contains("managedInstances=true and snapStart=true do not combine"), failure.getMessage());
    }

    /** The Java versions, frameworks and the other deployment options AWS supports there are accepted. */
    @ParameterizedTest(name = "javaVersion={0} framework={1} worker={2} api={3}")
    @CsvSource({"25,springboot,none,rest", "21,jersey,sqs,http", "25,plain,sqs,function-url"})
    void managedInstancesAreAcceptedWithJava21AndLater(String javaVersion, String framework, String worker, String api)
            throws IOException {
        Path project = generatedProject("app");

        runScript("app", Map.of("managedInstances", "true", "javaVersion", javaVersion, "framework", framework,
                "worker", worker, "api", api, "serverlessFramework", "true"));

        assertTrue(Files.isRegularFile(project.resolve("pom.xml")));
    }

    @Test
    void java17AndSnapStartAreAcceptedWithoutManagedInstances() throws IOException {
        Path project = generatedProject("app");

        runScript("app", Map.of("managedInstances", "false", "javaVersion", "17", "snapStart", "true"));

        assertTrue(Files.isRegularFile(project.resolve("pom.xml")));
    }

    @ParameterizedTest(name = "database={0}")
    @CsvSource({"mysql", "postgresql"})
    void sqsWorkerWithADatabaseAndServerlessFrameworkAreAccepted(String database) throws IOException {
        Path project = generatedProject("app");

        runScript("app", Map.of("worker", "sqs", "database", database, "serverlessFramework", "true"));

        assertTrue(Files.isRegularFile(project.resolve("pom.xml")));
    }

    /** A function URL makes a project with every other option: no combination with it is refused. */
    @ParameterizedTest(name = "framework={0} worker={1} snapStart={2}")
    @CsvSource({"springboot,none,false", "jersey,none,true", "plain,sqs,false", "springboot,sqs,true"})
    void functionUrlIsAcceptedWithEveryFrameworkWorkerAndSnapStart(String framework, String worker, String snapStart)
            throws IOException {
        Path project = generatedProject("app");

        runScript("app", Map.of("api", "function-url", "framework", framework, "worker", worker, "snapStart", snapStart,
                "serverlessFramework", "true"));

        assertTrue(Files.isRegularFile(project.resolve("pom.xml")));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        generatedProject("app");

        var failure = assertThrows(IllegalArgumentException.class,
                () -> runScript("app", Map.of("javaVersion", "11", "architecture", "sparc")));

        assertTrue(failure.getMessage().contains("'javaVersion': '11'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("'architecture': 'sparc'"), failure.getMessage());
    }

    @Test
    void existingDirectoryIsNeverMixedWithAndItsFilesAreKept() throws IOException {
        Path project = generatedProject("app");
        Path usersFile = project.resolve("notes.txt");
        Files.writeString(usersFile, "mine");
        Files.setLastModifiedTime(usersFile, FileTime.from(Instant.now().minus(1, ChronoUnit.DAYS)));

        var failure = assertThrows(IllegalArgumentException.class, () -> runScript("app", Map.of()));

        assertTrue(failure.getMessage().contains("already existed and held files (e.g. notes.txt)"), failure.getMessage());
        assertEquals("mine", Files.readString(usersFile));
        assertFalse(Files.exists(project.resolve("pom.xml")), "what this run wrote is removed");
        // The engine (generate-project.sh) refuses the same directory with the same sentence.
        GeneratedProject rendered = new GeneratedProject("app",
                new TreeMap<>(Map.of("pom.xml", new ProjectFile(new byte[0], false))));
        IOException engine = assertThrows(IOException.class, () -> rendered.writeTo(project.getParent()));
        assertEquals(failure.getMessage(), engine.getMessage());
        assertEquals("mine", Files.readString(usersFile));
    }

    @Test
    void validOptionsMoveTheSelectedVariantFilesIntoPlaceAndMakeScriptsExecutable() throws IOException {
        Path project = generatedProject("app");

        runScript("app", Map.of());

        assertEquals("variants/api-rest/events/get-hello.json", Files.readString(project.resolve("events/get-hello.json")));
        assertEquals("events/expected.json", Files.readString(project.resolve("events/expected.json")));
        assertEquals("variants/framework-springboot/src/main/java/com/example/app/LambdaHandler.java",
                Files.readString(project.resolve("src/main/java/com/example/app/LambdaHandler.java")));
        assertFalse(Files.exists(project.resolve("variants")));
        assertTrue(Files.isExecutable(project.resolve("mvnw")));
        assertTrue(Files.isExecutable(project.resolve("scripts/invoke.sh")));
        assertEquals("""
                # What made this project: the archetype and every option it was generated with.
                # `./mvnw lambda-container:update` reads it and rewrites it; do not edit it by hand.
                archetypeGroupId=io.github.lambdacontainer
                archetypeArtifactId=lambda-container-archetype
                archetypeVersion=1.0.0-SNAPSHOT
                groupId=com.example
                artifactId=app
                version=1.0.0-SNAPSHOT
                package=com.example.app
                framework=springboot
                api=rest
                database=mysql
                javaVersion=25
                architecture=arm64
                worker=none
                serverlessFramework=false
                snapStart=false
                managedInstances=false
                """, Files.readString(project.resolve(".mvn/archetype.properties")));
    }

    @Test
    void twoVariantsProvidingTheSameFileIsAnArchetypeBug() throws IOException {
        Path project = generatedProject("app");
        Files.createDirectories(project.resolve("variants/other/events"));
        Files.writeString(project.resolve("variants/other/events/get-hello.json"), "{}");

        var failure = assertThrows(AssertionError.class, () -> runScript("app", Map.of()));

        assertTrue(failure.getMessage().contains("two variants both provide events/get-hello.json"), failure.getMessage());
        assertFalse(Files.exists(project), "a failure after validation removes the project too");
    }

    @Test
    void mavensOwnNamesAndNamesFarFromEveryOptionAreLeftAlone() throws IOException {
        Path project = generatedProject("app");
        Map<String, String> commandLine = new HashMap<>();
        for (String name : new String[] {
                // archetype:generate's own parameters
                "archetypeGroupId", "archetypeArtifactId", "archetypeVersion", "archetypeCatalog", "interactiveMode",
                "askForDefaultPropertyValues", "outputDirectory", "goals", "filter",
                // Maven's and Java's namespaced properties; java.version is two edits from javaVersion
                "maven.repo.local", "style.color", "archetype.test.skip", "java.version",
                // far from every option name
                "skipTests", "debug", "templateSchemas",
                // the options themselves
                "groupId", "artifactId", "version", "package", "framework", "snapStart"}) {
            commandLine.put(name, "x");
        }

        runScript("app", Map.of(), commandLine);

        assertTrue(Files.isRegularFile(project.resolve("pom.xml")));
    }

    @Test
    void integrationTestGoalGivesNoSessionAndNoNamesToCheck() throws IOException {
        Path project = generatedProject("app");

        runScript("app", Map.of(), null);

        assertTrue(Files.isRegularFile(project.resolve("pom.xml")));
    }

    /** What the archetype plugin leaves before the script runs: shared files, and variants/ to move. */
    private Path generatedProject(String artifactId) throws IOException {
        Path project = outputDirectory.resolve(artifactId);
        for (String file : new String[] {"pom.xml", "mvnw", "scripts/invoke.sh", "events/expected.json",
                "variants/api-rest/events/get-hello.json",
                "variants/framework-springboot/src/main/java/com/example/app/LambdaHandler.java"}) {
            Files.createDirectories(project.resolve(file).getParent());
            Files.writeString(project.resolve(file), file);
        }
        return project;
    }

    private void runScript(String artifactId, Map<String, String> overrides) throws IOException {
        runScript(artifactId, overrides, Map.of());
    }

    /**
     * Runs the script on a request configured with the default options and overrides, in a session
     * whose user properties (the -D names of the command line) are commandLine; null: no session.
     */
    private void runScript(String artifactId, Map<String, String> overrides, Map<String, String> commandLine)
            throws IOException {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                "groupId", "com.example", "artifactId", artifactId, "version", "1.0.0-SNAPSHOT",
                "package", "com.example.app", "framework", "springboot", "api", "rest", "database", "mysql",
                "javaVersion", "25", "architecture", "arm64", "worker", "none"));
        properties.put("serverlessFramework", "false");
        properties.put("snapStart", "false");
        properties.put("managedInstances", "false");
        properties.putAll(overrides);
        Binding binding = new Binding();
        Session session = null;
        if (commandLine != null) {
            session = new Session(new Properties());
            session.userProperties().putAll(commandLine);
        }
        binding.setVariable("request", new Request(properties, outputDirectory.toString(), artifactId, session));
        new GroovyShell(binding).evaluate(SCRIPT.toFile());
    }

    /** The part of the plugin's ArchetypeGenerationRequest the script reads. */
    public record Request(Properties properties, String outputDirectory, String artifactId, Session mavenSession) {
        public String getArchetypeGroupId() {
            return "io.github.lambdacontainer";
        }

        public String getArchetypeArtifactId() {
            return "lambda-container-archetype";
        }

        public String getArchetypeVersion() {
            return "1.0.0-SNAPSHOT";
        }

        public Properties getProperties() {
            return properties;
        }

        public String getOutputDirectory() {
            return outputDirectory;
        }

        public String getArtifactId() {
            return artifactId;
        }

        public Session getMavenSession() {
            return mavenSession;
        }
    }

    /** The part of the plugin's MavenSession the script reads: the -D names and values of the command line. */
    public record Session(Properties userProperties) {
        public Properties getUserProperties() {
            return userProperties;
        }
    }
}
