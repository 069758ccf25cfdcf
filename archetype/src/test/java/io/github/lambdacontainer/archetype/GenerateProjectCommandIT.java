package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.engine.Archetype;
import io.github.lambdacontainer.engine.GenerateProjectCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line generate-project.sh runs: -D options in, the project (or archetype:generate's sentences) out. */
class GenerateProjectCommandIT {

    private static final String ARCHETYPE_JAR = System.getProperty("archetype.jar");

    @TempDir
    Path outputDirectory;

    @Test
    void writesTheEnginesProjectUnderOutputDirectory() throws Exception {
        int status = run("--archetype", ARCHETYPE_JAR, "-B", "-q", "-DgroupId=org.acme", "-DartifactId=orders-api",
                "-Dpackage=org.acme.orders", "-Dframework=jersey", "-DoutputDirectory=" + outputDirectory);

        assertEquals(0, status);
        Path project = outputDirectory.resolve("orders-api");
        try (Archetype archetype = Archetype.open(Path.of(ARCHETYPE_JAR))) {
            List<String> differences = EngineMatchesArchetypeGenerateIT.differences(project, archetype.generate(Map.of(
                    "groupId", "org.acme", "artifactId", "orders-api", "package", "org.acme.orders", "framework", "jersey")));
            assertTrue(differences.isEmpty(), String.join("\n", differences));
        }
    }

    @Test
    void refusedOptionsPrintTheSentencesAndWriteNothing() throws IOException {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = run("--archetype", ARCHETYPE_JAR, "-DgroupId=org.acme", "-DartifactId=orders-api",
                    "-Dworker=sqs", "-Ddatabase=none", "-DoutputDirectory=" + outputDirectory);
        } finally {
            System.setErr(original);
        }

        assertEquals(1, status);
        // The last line: a logging library on this test's class path may warn before it.
        List<String> lines = errors.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("worker=sqs stores orders in the database: choose database=mysql or postgresql, or worker=none.",
                lines.get(lines.size() - 1));
        try (Stream<Path> entries = Files.list(outputDirectory)) {
            assertFalse(entries.findAny().isPresent(), "nothing written");
        }
    }

    @Test
    void anUnknownArgumentIsAUsageError() {
        assertEquals(2, run("--archetype", ARCHETYPE_JAR, "generate"));
        assertEquals(2, run("-DgroupId=org.acme"));
    }

    private static int run(String... args) {
        return GenerateProjectCommand.run(args);
    }
}
