package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.ProjectFile;
import io.github.lambdacontainer.engine.RefusedOptionsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every project archetype:integration-test generated (src/test/resources/projects), the engine,
 * given the same archetype.properties and the archetype jar as built, makes the same files: the same
 * names, the same bytes, the same executable bits. The generated project has since been built, so what
 * the build added is left out: target/, and build.log, the log archetype:integration-test writes there.
 */
class EngineMatchesArchetypeGenerateIT extends ReadsTheBuiltArchetype {


    @TestFactory
    Stream<DynamicTest> engineMakesWhatArchetypeGenerateMade() {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        RequiredChecks.notApplicable(!variants.isEmpty(), () -> "no generated projects under " + GeneratedVariant.PROJECTS.toAbsolutePath()
                + " (archetype:integration-test did not run)");
        return variants.stream().map(variant -> DynamicTest.dynamicTest(variant.name(), () -> {
            Map<String, String> answers = new HashMap<>();
            variant.options().stringPropertyNames().forEach(name -> answers.put(name, variant.options().getProperty(name)));
            List<String> differences = differences(variant.project(), generate(answers));
            assertTrue(differences.isEmpty(), variant.name() + ": the engine's output differs from archetype:generate's ("
                    + variant.project() + "):\n  " + String.join("\n  ", differences));
        }));
    }

    private static GeneratedProject generate(Map<String, String> answers) {
        try {
            return archetype.generate(answers);
        } catch (RefusedOptionsException e) {
            throw new AssertionError("the engine refused options archetype:generate accepted: " + e.getMessage(), e);
        }
    }

    /** Every file missing, extra or different (content, executable bit), by name; and empty directories. */
    static List<String> differences(Path generatedByMaven, GeneratedProject generatedByEngine) throws IOException {
        Map<String, Path> expected = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(generatedByMaven)) {
            for (Path path : paths.filter(path -> !isBuildOutput(generatedByMaven.relativize(path))).toList()) {
                String name = generatedByMaven.relativize(path).toString().replace('\\', '/');
                if (Files.isRegularFile(path)) {
                    expected.put(name, path);
                } else if (Files.isDirectory(path) && isEmpty(path)) {
                    differences.add("empty directory in archetype:generate's output (the engine makes files only): " + name);
                }
            }
        }
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        names.addAll(generatedByEngine.files().keySet());
        for (String name : names) {
            Path file = expected.get(name);
            ProjectFile made = generatedByEngine.files().get(name);
            if (made == null) {
                differences.add("missing from the engine's output: " + name);
            } else if (file == null) {
                differences.add("only in the engine's output: " + name);
            } else {
                byte[] content = Files.readAllBytes(file);
                if (!Arrays.equals(content, made.content())) {
                    differences.add("different content: " + name + " (first difference at byte "
                            + Arrays.mismatch(content, made.content()) + ")");
                }
                boolean executable = Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
                if (executable != made.executable()) {
                    differences.add("executable in " + (executable ? "archetype:generate's" : "the engine's")
                            + " output only: " + name);
                }
            }
        }
        return differences;
    }

    private static boolean isBuildOutput(Path inProject) {
        return inProject.startsWith("target") || inProject.equals(Path.of("build.log"));
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
