package io.github.lambdacontainer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A project as the engine rendered it, in memory.
 *
 * @param files every file, '/'-separated, relative to the project root
 */
public record GeneratedProject(String artifactId, SortedMap<String, ProjectFile> files) {

    /**
     * Writes the project to {@code <parent>/<artifactId>}: first beside it under a temporary name, then
     * moved into place, so a failure leaves nothing half-written.
     *
     * @throws IOException naming the directory when it exists and holds files: a project is never mixed
     *                     into a user's directory
     */
    public Path writeTo(Path parent) throws IOException {
        Path projectDir = parent.resolve(artifactId);
        refuseDirectoryWithFiles(projectDir);
        Files.createDirectories(parent);
        Path staging = Files.createDirectory(parent.resolve("." + artifactId + "-" + UUID.randomUUID()));
        try {
            for (Map.Entry<String, ProjectFile> file : files.entrySet()) {
                Path target = staging.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue().content());
                if (file.getValue().executable() && !target.toFile().setExecutable(true, false)) {
                    throw new IOException("could not make " + target + " executable");
                }
            }
            if (Files.isDirectory(projectDir)) {
                refuseDirectoryWithFiles(projectDir);
                deleteTree(projectDir);
            }
            Files.move(staging, projectDir);
            return projectDir;
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    private static void refuseDirectoryWithFiles(Path projectDir) throws IOException {
        if (!Files.exists(projectDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(projectDir)) {
            var aFile = paths.filter(path -> !Files.isDirectory(path)).findFirst();
            if (aFile.isPresent()) {
                // The sentence archetype-post-generate.groovy fails with in the same case.
                throw new IOException("The directory " + projectDir + " already existed and held files (e.g. "
                        + projectDir.relativize(aFile.get()) + "); generate into a new directory: choose another "
                        + "artifactId or outputDirectory.");
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
