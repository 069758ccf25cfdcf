package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A generated project built with a JDK older than its javaVersion stops before compiling, with one
 * sentence naming the Java version it needs and how to point Maven at it; on the JDK it needs it
 * builds. Each is a copy of a generated project (without target/) built with {@code ./mvnw} on
 * JDK 17, the oldest javaVersion.
 */
class JdkRequirementIT {

    private static final Path WORK = Path.of("target/jdk-requirement").toAbsolutePath();
    private static final String OLDEST = "17";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    @TestFactory
    Stream<DynamicTest> aProjectAsksForTheJdkItNeeds() {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no generated project under " + GeneratedVariant.PROJECTS.toAbsolutePath());
        return Stream.of("25", "21", OLDEST).map(javaVersion -> dynamicTest("javaVersion " + javaVersion + " on JDK " + OLDEST,
                () -> buildOnOldestJdk(variants, javaVersion)));
    }

    private static void buildOnOldestJdk(List<GeneratedVariant> variants, String javaVersion) throws Exception {
        Optional<Path> jdk = jdk(OLDEST);
        RequiredChecks.assume(RequiredChecks.JDK17, jdk.isPresent(),
                () -> "no JDK " + OLDEST + " (with javac) under /usr/lib/jvm; -Dit.jdk17.home=DIR");
        GeneratedVariant variant = variants.stream().filter(candidate -> candidate.javaVersion().equals(javaVersion))
                .min(Comparator.comparingInt(GeneratedVariant::optionsSet).thenComparing(GeneratedVariant::name))
                .orElse(null);
        RequiredChecks.notApplicable(variant != null, () -> "no generated project with javaVersion " + javaVersion
                + " under " + GeneratedVariant.PROJECTS.toAbsolutePath());
        Optional<String> noMaven = MavenCentral.wrapperMavenUnavailable();
        RequiredChecks.assume(RequiredChecks.MAVEN_CENTRAL, noMaven);
        Path project = copyWithoutTarget(variant);
        boolean older = !javaVersion.equals(OLDEST);
        // The project's own first command (README); on the JDK it needs, compiling proves the point.
        List<String> command = List.of("./mvnw", "-B", older ? "verify" : "test-compile");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_HOME", jdk.get().toString());
        environment.put("PATH", jdk.get().resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("LANG", "C.UTF-8"); // as a user's shell has it: the JDK then names any checkout path
        String localRepository = System.getProperty("it.localRepository", "");
        if (!localRepository.isEmpty()) {
            environment.put("MAVEN_OPTS", "-Dmaven.repo.local=" + localRepository);
        }
        try (ChildProcess build = ChildProcess.start(command, environment, project,
                WORK.resolve(variant.name() + ".log"))) {
            assertTrue(build.waitFor(BUILD_TIMEOUT), String.join(" ", command) + " did not end\n" + build.outputTail());
            build.awaitQuietOutput();
            String output = Files.readString(build.logFile());
            if (!older) {
                assertEquals(0, build.process().exitValue(), variant.name() + " (javaVersion " + OLDEST
                        + ") must build on JDK " + OLDEST + "\n" + build.outputTail());
                return;
            }
            assertNotEquals(0, build.process().exitValue(), variant.name() + " built on JDK " + OLDEST);
            String sentence = "This project is built for Java " + javaVersion + ", so Maven must run on JDK " + javaVersion
                    + " or newer: point JAVA_HOME at one";
            assertTrue(output.contains(sentence), variant.name() + ": the build on JDK " + OLDEST + " must say \""
                    + sentence + " ...\"\n" + build.outputTail());
            assertFalse(output.contains("compiler-plugin") || output.contains("release version"), variant.name()
                    + ": the build must stop before compiling\n" + build.outputTail());
            System.out.println(variant.name() + " on JDK " + OLDEST + ": " + output.lines()
                    .filter(line -> line.contains(sentence)).findFirst().orElseThrow().strip());
        }
    }

    /** The generated project as a user has it: everything but its build output. */
    private static Path copyWithoutTarget(GeneratedVariant variant) throws IOException {
        Path copy = WORK.resolve(variant.name());
        TestDirectories.deleteRecursively(copy);
        try (Stream<Path> files = Files.walk(variant.project())) {
            for (Path file : files.toList()) {
                Path relative = variant.project().relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = copy.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    /** A JDK of that feature release: -Dit.jdk17.home, else one under /usr/lib/jvm; it must have javac. */
    private static Optional<Path> jdk(String feature) throws IOException {
        String given = System.getProperty("it.jdk" + feature + ".home", "");
        if (!given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/javac"))
                        && Files.readString(release).contains("JAVA_VERSION=\"" + feature + ".")) {
                    return Optional.of(home);
                }
            }
        }
        return Optional.empty();
    }
}
