package io.github.lambdacontainer.archetype.contract.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JVM that stands in for an image's {@code java}: a JDK of the image's Java version and CPU
 * architecture. On the host's own architecture that is one of the same feature release if this
 * machine has it, otherwise the newest one that is not older (a Java 21 image runs on the JDK
 * running the tests when no JDK 21 is installed); the report records which one ran. For the other
 * architecture (an arm64 image on this x86_64 machine) it is a JDK of exactly that release built
 * for it, run under QEMU user-mode emulation ({@value #QEMU_AARCH64}), or none. A host JDK can be
 * named with the system property {@code container-contract.jdk<version>.home}.
 *
 * @param requestedVersion the Java version the image asks for
 * @param home             the JDK's home directory
 * @param version          the JDK's full version (from its {@code release} file)
 * @param architecture     the JDK's CPU architecture as its {@code release} file names it (x86_64, aarch64)
 * @param emulator         the user-mode emulator that runs it, when it is not the host's architecture
 */
public record JavaRuntime(int requestedVersion, Path home, String version, String architecture, Optional<Path> emulator) {

    /** Debian's qemu-user-static; binfmt need not be registered, the emulator is named on the command line. */
    public static final String QEMU_AARCH64 = "qemu-aarch64-static";
    /** The Java releases Debian builds an aarch64 JDK of (openjdk-17-jre-headless:arm64): the arm64 images that can run here. */
    public static final Set<Integer> AARCH64_JDK_RELEASES = Set.of(17);
    /** Docker's --platform to the CPU architecture a JDK's release file names. */
    private static final Map<String, String> PLATFORM_ARCHITECTURES = Map.of("linux/amd64", "x86_64", "linux/arm64", "aarch64");
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");
    private static final Pattern RELEASE_ARCHITECTURE = Pattern.compile("(?m)^OS_ARCH=\"([^\"]+)\"");
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    private static final List<Path> EMULATOR_DIRECTORIES = List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"));

    /**
     * The JVM for an image of {@code platform} ({@code FROM --platform=}), or why this machine has
     * none: {@code runtime} is empty exactly when {@code whyNone} says why.
     */
    public record ForPlatform(String platform, Optional<JavaRuntime> runtime, String whyNone) {}

    /** A JDK of this machine's own architecture for {@code requestedVersion} (fails when there is none). */
    public static JavaRuntime forVersion(int requestedVersion) {
        String configured = System.getProperty("container-contract.jdk" + requestedVersion + ".home");
        if (configured != null) {
            Path home = Path.of(configured);
            return new JavaRuntime(requestedVersion, home, releaseVersion(home).orElseThrow(() -> new AssertionError(
                    "container-contract.jdk" + requestedVersion + ".home=" + configured + " is not a JDK")),
                    hostArchitecture(), Optional.empty());
        }
        Path running = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() == requestedVersion) {
            return new JavaRuntime(requestedVersion, running, Runtime.version().toString(), hostArchitecture(), Optional.empty());
        }
        Optional<JavaRuntime> installed = installedJdkOf(requestedVersion, hostArchitecture());
        if (installed.isPresent()) {
            return installed.get();
        }
        if (Runtime.version().feature() > requestedVersion) {
            return new JavaRuntime(requestedVersion, running, Runtime.version().toString(), hostArchitecture(), Optional.empty());
        }
        throw new AssertionError("the image needs Java " + requestedVersion + " but no JDK " + requestedVersion
                + " or newer is installed here (the tests run on " + Runtime.version() + "); set "
                + "-Dcontainer-contract.jdk" + requestedVersion + ".home=<jdk>");
    }

    /**
     * The JVM for an image built {@code FROM --platform=platform}: {@link #forVersion} on this
     * machine's architecture; for the other one, an installed JDK of exactly that release and
     * architecture under the emulator, or none, with the reason.
     */
    public static ForPlatform forPlatform(int requestedVersion, String platform) {
        String architecture = PLATFORM_ARCHITECTURES.get(platform);
        if (architecture == null) {
            return new ForPlatform(platform, Optional.empty(), "no JVM is known for --platform=" + platform);
        }
        if (architecture.equals(hostArchitecture())) {
            return new ForPlatform(platform, Optional.of(forVersion(requestedVersion)), "");
        }
        if (!architecture.equals("aarch64")) {
            return new ForPlatform(platform, Optional.empty(), "this " + hostArchitecture()
                    + " machine cannot emulate " + architecture);
        }
        Optional<Path> emulator = EMULATOR_DIRECTORIES.stream().map(directory -> directory.resolve(QEMU_AARCH64))
                .filter(Files::isExecutable).findFirst();
        if (emulator.isEmpty()) {
            return new ForPlatform(platform, Optional.empty(), "no " + QEMU_AARCH64 + " (Debian: qemu-user-static)");
        }
        return installedJdkOf(requestedVersion, architecture)
                .map(jdk -> new ForPlatform(platform, Optional.of(new JavaRuntime(requestedVersion, jdk.home(),
                        jdk.version(), architecture, emulator)), ""))
                .orElseGet(() -> new ForPlatform(platform, Optional.empty(), "no " + architecture + " JDK "
                        + requestedVersion + " under " + JVM_DIRECTORY + " (Debian has an aarch64 JDK only for "
                        + AARCH64_JDK_RELEASES + ")"));
    }

    /** The JDK's feature release (25 for 25.0.3+9), which may be newer than the one requested. */
    public int feature() {
        Matcher leading = Pattern.compile("^(\\d+)").matcher(version);
        return leading.find() ? Integer.parseInt(leading.group(1)) : requestedVersion;
    }

    public Path javaExecutable() {
        return home.resolve("bin").resolve("java");
    }

    /** How to start this JVM on this machine: its {@code java}, behind the emulator where it needs one. */
    public List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        emulator.ifPresent(path -> command.add(path.toString()));
        command.add(javaExecutable().toString());
        return command;
    }

    /**
     * A directory whose {@code java} starts this JVM, to put first on an image's PATH in place of
     * the base image's {@code /var/lang/bin}: the JDK's own bin directory, or for an emulated JDK
     * a {@code java} script under {@code scratch} that runs it through the emulator.
     */
    public Path binDirectory(Path scratch) {
        if (emulator.isEmpty()) {
            return home.resolve("bin");
        }
        Path bin = scratch.resolve("bin");
        try {
            Files.createDirectories(bin);
            Path java = bin.resolve("java");
            Files.writeString(java, "#!/bin/sh\nexec " + emulator.get() + " " + javaExecutable() + " \"$@\"\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bin;
    }

    /** E.g. {@code /usr/lib/jvm/java-17-openjdk-arm64/bin/java 17.0.21 (aarch64 under qemu-aarch64-static)}. */
    public String describe() {
        return javaExecutable() + " " + version + emulator.map(path -> " (" + architecture + " under "
                + path.getFileName() + ")").orElse("");
    }

    /** Whether the JDK's feature release is the one the image asks for, rather than a newer stand-in. */
    public boolean isExactMatch() {
        return version.equals(Integer.toString(requestedVersion)) || version.startsWith(requestedVersion + ".")
                || version.startsWith(requestedVersion + "+");
    }

    private static String hostArchitecture() {
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
    }

    private static Optional<JavaRuntime> installedJdkOf(int feature, String architecture) {
        if (!Files.isDirectory(JVM_DIRECTORY)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVM_DIRECTORY)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> releaseField(home, RELEASE_ARCHITECTURE).map(architecture::equals).orElse(false))
                    .sorted(Comparator.comparing(Path::toString))
                    .flatMap(home -> releaseVersion(home).stream()
                            .map(version -> new JavaRuntime(feature, home, version, architecture, Optional.empty())))
                    .filter(JavaRuntime::isExactMatch)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> releaseVersion(Path home) {
        return releaseField(home, RELEASE_VERSION);
    }

    private static Optional<String> releaseField(Path home, Pattern field) {
        try {
            Matcher matcher = field.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
