package io.github.lambdacontainer.archetype.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A container's file system laid out under a host directory by replaying a Dockerfile's COPY
 * instructions against the build context, so {@code /var/task} becomes {@code <root>/var/task}.
 */
final class ImageLayout {

    private final Path root;
    private final Set<String> topLevelDirectories = new LinkedHashSet<>();

    private ImageLayout(Path root) {
        this.root = root;
    }

    /**
     * Copies what each COPY names, as Docker does: a directory source contributes its contents, a
     * file goes into a destination ending in {@code /} or becomes the destination. Fails naming the
     * Dockerfile line when a source is missing or excluded by {@code .dockerignore}.
     */
    static ImageLayout build(Path root, Path context, Dockerfile dockerfile) {
        ImageLayout layout = new ImageLayout(root);
        DockerIgnore ignore = DockerIgnore.of(context);
        layout.remember(dockerfile.workdir());
        try {
            Files.createDirectories(layout.hostPath(dockerfile.workdir()));
            for (Dockerfile.Copy copy : dockerfile.copies()) {
                layout.copy(context, ignore, dockerfile, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layout;
    }

    Path root() {
        return root;
    }

    /** Where a container path lives on the host. */
    Path hostPath(String containerPath) {
        Path path = root.resolve(containerPath.replaceFirst("^/+", "")).normalize();
        if (!path.startsWith(root)) {
            throw new AssertionError(containerPath + " points outside the image");
        }
        return path;
    }

    /**
     * Rewrites the container paths in a command-line word or an ENV value (e.g.
     * {@code /app/classes:/app/lib/*}) to where the layout put them on the host.
     */
    String toHostPaths(String text) {
        String result = text;
        for (String top : topLevelDirectories) {
            Pattern containerPath = Pattern.compile("(^|[\\s:=,;\"'])(" + Pattern.quote(top) + ")(?=/|$|[\\s:,;\"'])");
            Matcher matcher = containerPath.matcher(result);
            result = matcher.replaceAll(match -> Matcher.quoteReplacement(
                    match.group(1) + root.resolve(match.group(2).substring(1))));
        }
        return result;
    }

    private void copy(Path context, DockerIgnore ignore, Dockerfile dockerfile, Dockerfile.Copy copy)
            throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String source : copy.sources()) {
            List<Path> matches = resolveSource(context, source);
            if (matches.isEmpty()) {
                throw new AssertionError(dockerfile.where(copy.line()) + ": COPY source " + source
                        + " does not exist in the build context " + context);
            }
            for (Path match : matches) {
                String relative = context.relativize(match).toString();
                ignore.exclusionOf(relative).ifPresent(rule -> {
                    throw new AssertionError(dockerfile.where(copy.line()) + ": COPY source " + source
                            + " is excluded from the build context by " + rule + ", so docker build would fail");
                });
            }
            sources.addAll(matches);
        }
        boolean destinationIsDirectory = copy.destinationIsDirectory() || sources.size() > 1
                || sources.stream().anyMatch(Files::isDirectory);
        if (sources.size() > 1 && !copy.destinationIsDirectory()) {
            throw new AssertionError(dockerfile.where(copy.line()) + ": COPY with more than one source needs a "
                    + "destination ending in / but has " + copy.destination());
        }
        remember(copy.destination());
        Path destination = hostPath(copy.destination());
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                copyDirectoryContents(context, ignore, source, destination);
            } else {
                Path target = destinationIsDirectory ? destination.resolve(source.getFileName().toString()) : destination;
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A source may end in a glob ({@code target/*.jar}); it must stay inside the context. */
    private static List<Path> resolveSource(Path context, String source) throws IOException {
        Path path = context.resolve(source).normalize();
        if (!path.startsWith(context)) {
            throw new AssertionError("COPY source " + source + " points outside the build context " + context);
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                if (matcher.matches(entry.getFileName())) {
                    matches.add(entry);
                }
            }
        }
        matches.sort(null);
        return matches;
    }

    private static void copyDirectoryContents(Path context, DockerIgnore ignore, Path source, Path destination)
            throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (ignore.exclusionOf(context.relativize(file).toString()).isPresent()) {
                    continue;
                }
                Path target = destination.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void remember(String containerPath) {
        String trimmed = containerPath.replaceFirst("^/+", "");
        if (!trimmed.isEmpty()) {
            int slash = trimmed.indexOf('/');
            topLevelDirectories.add("/" + (slash < 0 ? trimmed : trimmed.substring(0, slash)));
        }
    }
}
