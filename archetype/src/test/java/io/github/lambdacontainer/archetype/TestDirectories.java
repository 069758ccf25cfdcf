package io.github.lambdacontainer.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories of the integration tests. */
public final class TestDirectories {

    private TestDirectories() {}

    /** Deletes {@code directory} and everything in it; nothing happens when it does not exist. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Copies a generated project's sources (everything but {@code target/}) into {@code copy}, which must not exist. */
    static void copySources(Path project, Path copy) throws IOException {
        try (Stream<Path> paths = Files.walk(project)) {
            for (Path path : paths.toList()) {
                Path relative = project.relativize(path);
                if (relative.startsWith("target")) {
                    continue;
                }
                Files.copy(path, copy.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
