package io.github.lambdacontainer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedProjectTest {

    @TempDir
    Path parent;

    private static GeneratedProject project() {
        TreeMap<String, ProjectFile> files = new TreeMap<>();
        files.put("pom.xml", new ProjectFile("<project/>".getBytes(StandardCharsets.UTF_8), false));
        files.put("mvnw", new ProjectFile("#!/bin/sh".getBytes(StandardCharsets.UTF_8), true));
        files.put("src/main/java/a/App.java", new ProjectFile("class App {}".getBytes(StandardCharsets.UTF_8), false));
        return new GeneratedProject("app", files);
    }

    @Test
    void writesEveryFileWithItsExecutableBitAndNothingElse() throws IOException {
        Path written = project().writeTo(parent);

        assertEquals(parent.resolve("app"), written);
        assertEquals("class App {}", Files.readString(written.resolve("src/main/java/a/App.java")));
        assertTrue(Files.isExecutable(written.resolve("mvnw")));
        assertFalse(Files.isExecutable(written.resolve("pom.xml")));
        try (Stream<Path> entries = Files.list(parent)) {
            assertEquals(1, entries.count(), "no staging directory left beside it");
        }
    }

    @Test
    void anEmptyDirectoryIsFilled() throws IOException {
        Files.createDirectories(parent.resolve("app/empty"));

        project().writeTo(parent);

        assertTrue(Files.isRegularFile(parent.resolve("app/pom.xml")));
    }

    @Test
    void aDirectoryHoldingFilesIsRefusedAndLeftAsItWas() throws IOException {
        Files.createDirectories(parent.resolve("app/docs"));
        Files.writeString(parent.resolve("app/docs/notes.txt"), "mine");

        IOException refused = assertThrows(IOException.class, () -> project().writeTo(parent));

        assertEquals("The directory " + parent.resolve("app") + " already existed and held files (e.g. docs/notes.txt); "
                + "generate into a new directory: choose another artifactId or outputDirectory.", refused.getMessage());
        try (Stream<Path> entries = Files.walk(parent)) {
            assertEquals(4, entries.count(), "parent, app, docs, notes.txt: nothing added");
        }
    }
}
