package io.github.lambdacontainer.archetype.contract.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK that stands in for an image's Java: one of the same feature release if this machine has
 * it, otherwise the newest one that is not older (a Java 21 image runs on the JDK running the
 * tests when no JDK 21 is installed); the report records which one ran. A JDK can be named with
 * the system property {@code container-contract.jdk<version>.home}.
 *
 * @param requestedVersion the Java version the image asks for
 * @param home             the JDK's home directory
 * @param version          the JDK's full version (from its {@code release} file)
 */
public record JavaRuntime(int requestedVersion, Path home, String version) {

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    public static JavaRuntime forVersion(int requestedVersion) {
        String configured = System.getProperty("container-contract.jdk" + requestedVersion + ".home");
        if (configured != null) {
            Path home = Path.of(configured);
            return new JavaRuntime(requestedVersion, home, releaseVersion(home).orElseThrow(() -> new AssertionError(
                    "container-contract.jdk" + requestedVersion + ".home=" + configured + " is not a JDK")));
        }
        Path running = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() == requestedVersion) {
            return new JavaRuntime(requestedVersion, running, Runtime.version().toString());
        }
        Optional<JavaRuntime> installed = installedJdkOf(requestedVersion);
        if (installed.isPresent()) {
            return installed.get();
        }
        if (Runtime.version().feature() > requestedVersion) {
            return new JavaRuntime(requestedVersion, running, Runtime.version().toString());
        }
        throw new AssertionError("the image needs Java " + requestedVersion + " but no JDK " + requestedVersion
                + " or newer is installed here (the tests run on " + Runtime.version() + "); set "
                + "-Dcontainer-contract.jdk" + requestedVersion + ".home=<jdk>");
    }

    public Path javaExecutable() {
        return home.resolve("bin").resolve("java");
    }

    /** Whether the JDK's feature release is the one the image asks for, rather than a newer stand-in. */
    boolean isExactMatch() {
        return version.equals(Integer.toString(requestedVersion)) || version.startsWith(requestedVersion + ".")
                || version.startsWith(requestedVersion + "+");
    }

    private static Optional<JavaRuntime> installedJdkOf(int feature) {
        if (!Files.isDirectory(JVM_DIRECTORY)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVM_DIRECTORY)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .sorted(Comparator.comparing(Path::toString))
                    .flatMap(home -> releaseVersion(home).stream()
                            .map(version -> new JavaRuntime(feature, home, version)))
                    .filter(JavaRuntime::isExactMatch)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> releaseVersion(Path home) {
        try {
            Matcher matcher = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
