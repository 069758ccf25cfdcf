package io.github.lambdacontainer.archetype.contract.image;

import io.github.lambdacontainer.archetype.contract.dockerfile.DockerIgnore;
import io.github.lambdacontainer.archetype.contract.dockerfile.Dockerfile;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.HeapSettings;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A container's file system laid out under a host directory by replaying a Dockerfile's COPY
 * instructions against the build context, so {@code /var/task} becomes {@code <root>/var/task},
 * and then its RUN steps, each a script the Dockerfile copied in, run with a JVM of the image's
 * Java version and architecture as the image's {@code java}, in the view of its files the function
 * will have ({@link LambdaSandbox#asRoot}) where this machine has the sandbox. An image no JVM
 * here can run (arm64 without an aarch64 JDK of its version) is laid out without its RUN steps.
 */
public final class ImageLayout {

    /** Interpreters the base image provides; a command starting with one runs the script after it. */
    private static final Set<String> SHELLS = Set.of("/bin/sh", "/bin/bash");
    private static final Duration RUN_STEP_TIMEOUT = Duration.ofMinutes(10);

    private final Path root;
    private final Path workDirectory;
    private final Set<String> topLevelDirectories = new LinkedHashSet<>();

    private ImageLayout(Path root, Path workDirectory) {
        this.root = root;
        this.workDirectory = workDirectory;
    }

    /**
     * Copies what each COPY names, as Docker does: a directory source contributes its contents, a
     * file goes into a destination ending in {@code /} or becomes the destination. Fails naming the
     * Dockerfile line when a source is missing or excluded by {@code .dockerignore}.
     */
    static ImageLayout build(Path workDirectory, Path root, Path context, Dockerfile dockerfile, Optional<JavaRuntime> java) {
        ImageLayout layout = new ImageLayout(root, workDirectory);
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
        java.ifPresent(jvm -> dockerfile.runs().forEach(run -> layout.replay(dockerfile, run, jvm)));
        return layout;
    }

    /**
     * The program a command (RUN, ENTRYPOINT) runs, as a container path: the script after
     * {@code /bin/sh} or {@code /bin/bash}, else the command's first word. Fails unless the
     * Dockerfile copied it into the image: the verifier runs the project's own scripts only, never
     * a tool of the base image it does not have.
     */
    String programOf(List<String> command, String where) {
        String program = SHELLS.contains(command.getFirst()) && command.size() > 1 ? command.get(1) : command.getFirst();
        if (!program.startsWith("/") || !Files.isRegularFile(hostPath(program))) {
            throw new AssertionError(where + " runs " + program + ", which no COPY of the Dockerfile puts into the "
                    + "image; the verifier can only run scripts the Dockerfile copies in from the project (as "
                    + "[\"/bin/sh\", \"/absolute/path/in/image.sh\", ...])");
        }
        return program;
    }

    /** The command as the host runs it: image paths rewritten, a base-image shell kept as it is. */
    public List<String> hostCommand(List<String> command) {
        List<String> host = new ArrayList<>();
        for (String word : command) {
            host.add(host.isEmpty() && SHELLS.contains(word) ? word : toHostPaths(word));
        }
        return host;
    }

    /**
     * The environment a process in the image sees: the image's ENV with its paths on the host, and
     * the JVM for the image's Java version and architecture first on PATH, standing in for the
     * base image's {@code /var/lang/bin/java}.
     */
    public Map<String, String> environment(Dockerfile dockerfile, JavaRuntime java) {
        Map<String, String> environment = new LinkedHashMap<>();
        dockerfile.env().forEach((name, value) -> environment.put(name, toHostPaths(value)));
        environment.put("PATH", java.binDirectory(root.resolveSibling("java")) + ":/usr/local/bin:/usr/bin:/bin");
        return environment;
    }

    /** Runs one RUN step as {@code docker build} would, failing with its output when it fails. */
    private void replay(Dockerfile dockerfile, Dockerfile.Run run, JavaRuntime java) {
        String where = dockerfile.where(run.line()) + ": RUN";
        programOf(run.command(), where);
        Path log = root.resolveSibling("run-line-" + run.line() + ".log");
        Map<String, String> environment = environment(dockerfile, java);
        // What heap and collector the step's JVM ran with: a class-data archive fits those.
        environment.merge("JAVA_TOOL_OPTIONS", "-Xlog:gc=info,gc+init=info:file=" + buildHeapLog(),
                (fromImage, fromVerifier) -> fromImage + " " + fromVerifier);
        LambdaSandbox.ImageProcess process = LambdaSandbox.asRoot(new LambdaSandbox.ImageProcess(
                hostCommand(run.command()), environment, hostPath(dockerfile.workdir()), workDirectory));
        try (ChildProcess step = ChildProcess.start(process.command(), process.environment(), process.workingDirectory(), log)) {
            if (!step.waitFor(RUN_STEP_TIMEOUT)) {
                throw new AssertionError(where + " " + run.command() + " did not finish within "
                        + RUN_STEP_TIMEOUT.toMinutes() + " minutes\n" + step.outputTail());
            }
            step.awaitQuietOutput();
            int exit = step.process().exitValue();
            if (exit != 0) {
                throw new AssertionError(where + " " + run.command() + " exited with " + exit
                        + ", so docker build would fail:\n" + step.outputTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while replaying " + where, e);
        }
    }

    /**
     * The heap and collector of the JVM the image's RUN steps ran (the one training its class-data
     * archive), if one ran.
     */
    public Optional<HeapSettings> buildHeap() {
        return HeapSettings.read(buildHeapLog());
    }

    private Path buildHeapLog() {
        return root.resolveSibling("run-steps-gc.log");
    }

    /**
     * The directory holding this layout and its runs, the one directory of this build a sandboxed
     * process of the image sees ({@link LambdaSandbox}).
     */
    public Path workDirectory() {
        return workDirectory;
    }

    /** The host directory standing for the image's {@code /}. */
    public Path root() {
        return root;
    }

    /** Where a container path lives on the host. */
    public Path hostPath(String containerPath) {
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
    public String toHostPaths(String text) {
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
