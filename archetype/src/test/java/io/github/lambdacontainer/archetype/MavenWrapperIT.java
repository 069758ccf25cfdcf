package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Maven Wrapper of the projects the archetype integration tests generated: {@code mvnw} and
 * {@code mvnw.cmd} are byte for byte the ones in the wrapper's only-script distribution (read
 * from the artifact in the local repository, not from what the build unpacked), {@code mvnw} is
 * executable, {@code .mvn/wrapper/maven-wrapper.properties} names the Maven version and checksum
 * of the archetype's pom, and {@code ./mvnw -v} works from an empty {@code MAVEN_USER_HOME}:
 * it downloads that Maven from Maven Central, checks its SHA-256 and runs it.
 */
class MavenWrapperIT {

    private static final String WRAPPER_VERSION = property("generated.maven-wrapper.version");
    private static final String MAVEN_VERSION = property("generated.maven.version");
    private static final String MAVEN_SHA256 = property("generated.maven.sha256");
    private static final Path DISTRIBUTION = Path.of(property("maven-wrapper.distribution"));
    /** The files the wrapper plugin installs for distributionType=only-script (no debug scripts). */
    private static final List<String> SCRIPTS = List.of("mvnw", "mvnw.cmd");

    @TestFactory
    Stream<DynamicTest> everyGeneratedProjectShipsTheWrapperDistributionsScriptsAndThePinnedMaven() throws IOException {
        Map<String, byte[]> distribution = distributionScripts();
        String expectedProperties = """
                wrapperVersion=%s
                distributionType=only-script
                distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/%s/apache-maven-%s-bin.zip
                distributionSha256Sum=%s
                """.formatted(WRAPPER_VERSION, MAVEN_VERSION, MAVEN_VERSION, MAVEN_SHA256);
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no generated project; the archetype integration tests must run first");
        return variants.stream().map(variant -> dynamicTest(variant.name(), () -> {
            Path project = variant.project();
            for (String script : SCRIPTS) {
                Path file = project.resolve(script);
                assertTrue(Files.isRegularFile(file), variant.name() + ": no " + script);
                assertArrayEquals(distribution.get(script), Files.readAllBytes(file),
                        variant.name() + ": " + script + " differs from the one in " + DISTRIBUTION.getFileName());
            }
            assertTrue(Files.isExecutable(project.resolve("mvnw")), variant.name() + ": mvnw is not executable");
            assertFalse(Files.exists(project.resolve("mvnwDebug")) || Files.exists(project.resolve("mvnwDebug.cmd")),
                    variant.name() + ": the debug scripts are not shipped");
            assertEquals(expectedProperties, Files.readString(project.resolve(".mvn/wrapper/maven-wrapper.properties")),
                    variant.name() + ": .mvn/wrapper/maven-wrapper.properties");
        }));
    }

    @Test
    void mvnwDownloadsChecksAndRunsThePinnedMavenIntoAnEmptyMavenUserHome(@TempDir Path mavenUserHome) throws Exception {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no generated project; the archetype integration tests must run first");
        // Every project's wrapper files are the same (checked above): one download proves them all.
        Path project = variants.stream().filter(variant -> variant.name().equals("defaults")).findFirst()
                .orElse(variants.getFirst()).project();
        Path log = Path.of("target/maven-wrapper/mvnw-v.log").toAbsolutePath();
        Files.createDirectories(log.getParent());

        ProcessBuilder builder = new ProcessBuilder("./mvnw", "-v").directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MAVEN_USER_HOME", mavenUserHome.toString());
        Process mvnw = builder.start();
        if (!mvnw.waitFor(5, TimeUnit.MINUTES)) {
            mvnw.descendants().forEach(ProcessHandle::destroyForcibly);
            mvnw.destroyForcibly();
            throw new AssertionError("./mvnw -v did not finish within 5 minutes; its output: " + log);
        }
        String output = Files.readString(log).replaceAll("\u001B\\[[;\\d]*m", "");   // without colours

        assertEquals(0, mvnw.exitValue(), "./mvnw -v failed in " + project + ":\n" + output);
        assertTrue(output.contains("Apache Maven " + MAVEN_VERSION + " "), "./mvnw -v ran another Maven:\n" + output);
        Path installed = mavenUserHome.resolve("wrapper/dists/apache-maven-" + MAVEN_VERSION);
        assertTrue(Files.isDirectory(installed), "Maven was not installed into the empty MAVEN_USER_HOME at " + installed);
        assertTrue(output.contains("Maven home: " + installed), "./mvnw -v did not run the Maven it installed:\n" + output);
    }

    /** mvnw and mvnw.cmd as the wrapper's only-script distribution holds them. */
    private static Map<String, byte[]> distributionScripts() throws IOException {
        assertTrue(Files.isRegularFile(DISTRIBUTION), "the wrapper distribution is not at " + DISTRIBUTION);
        Map<String, byte[]> scripts = new TreeMap<>();
        try (ZipFile zip = new ZipFile(DISTRIBUTION.toFile())) {
            for (String script : SCRIPTS) {
                ZipEntry entry = zip.getEntry(script);
                assertNotNull(entry, DISTRIBUTION + " has no " + script);
                try (InputStream in = zip.getInputStream(entry)) {
                    scripts.put(script, in.readAllBytes());
                }
            }
        }
        return scripts;
    }

    private static String property(String name) {
        String value = System.getProperty(name, "");
        if (value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; the pom's failsafe configuration passes it");
        }
        return value;
    }
}
