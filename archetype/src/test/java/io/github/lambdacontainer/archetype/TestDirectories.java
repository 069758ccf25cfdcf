package io.github.lambdacontainer.archetype;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The places this build's tests write to. A process in the Lambda sandbox sees exactly one of
 * them, the sandbox work directory ({@link #sandboxWork()}): every file a function reads or writes
 * (its laid-out image, its logs, a wrapper script) goes under a directory made there with
 * {@code LambdaSandbox.createWorkDirectory}, which the sandbox shows it whatever that directory's
 * path. Everything else (JUnit's temporary directories, reports) is the host's alone.
 */
public final class TestDirectories {

    /** Where {@link #sandboxPlaces()} makes the places it tries below the checkout. */
    private static final Path PLACES = Path.of("target/sandbox-places");

    private TestDirectories() {}

    /** Where laid-out images and their runs go: {@code -Dcontainer-contract.workDirectory}, by default {@code target/container-contract-work}. */
    public static Path sandboxWork() {
        return Path.of(System.getProperty("container-contract.workDirectory", "target/container-contract-work")).toAbsolutePath();
    }

    /**
     * A sandbox work directory ({@code base}) in a place a checkout may be, and what to delete
     * afterwards ({@code root}; nothing when it is the build's own).
     */
    public record SandboxPlace(String name, Path base, Path root) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (root != null) {
                deleteRecursively(root);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The build's own sandbox work directory and one in each kind of place a user's checkout may
     * be, which the sandbox must work from all the same: under {@code /tmp} (which it replaces with
     * the function's own), below a 0700 directory and a 0750 one (as home directories are; the
     * function's user may enter neither), in a path with a space and non-ASCII letters, reached
     * through a symbolic link, and over 200 characters long. Made afresh on each call.
     */
    public static List<SandboxPlace> sandboxPlaces() {
        try {
            Files.createDirectories(PLACES);
            Path underTmp = Files.createTempDirectory(Path.of("/tmp"), "sandbox-place-");
            Path private0700 = Files.createTempDirectory(PLACES.toAbsolutePath(), "home-0700-");
            Path group0750 = Files.createTempDirectory(PLACES.toAbsolutePath(), "home-0750-");
            Files.setPosixFilePermissions(private0700, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(group0750, PosixFilePermissions.fromString("rwxr-x---"));
            Path spaced = Files.createTempDirectory(PLACES.toAbsolutePath(), "with space é ü-");
            Path linked = Files.createTempDirectory(PLACES.toAbsolutePath(), "linked-");
            Files.createDirectory(linked.resolve("real"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.createSymbolicLink(linked.resolve("link"), linked.resolve("real"));
            Path longRoot = Files.createTempDirectory(PLACES.toAbsolutePath(), "long-");
            Path longBase = longRoot;
            while (longBase.toString().length() <= 200) {
                longBase = longBase.resolve("a-directory-name-making-the-path-long");
            }
            return List.of(
                    new SandboxPlace("the build's own: " + sandboxWork(), sandboxWork(), null),
                    new SandboxPlace("under /tmp", underTmp.resolve("work"), underTmp),
                    new SandboxPlace("below a 0700 directory", private0700.resolve("work"), private0700),
                    new SandboxPlace("below a 0750 directory", group0750.resolve("work"), group0750),
                    new SandboxPlace("with a space and non-ASCII letters", spaced.resolve("work"), spaced),
                    new SandboxPlace("through a symbolic link", linked.resolve("link/work"), linked),
                    new SandboxPlace("over 200 characters (" + longBase.toString().length() + ")", longBase.resolve("work"),
                            longRoot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code directory} and everything in it; nothing happens when it does not exist. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
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
