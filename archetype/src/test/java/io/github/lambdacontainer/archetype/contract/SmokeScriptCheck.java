package io.github.lambdacontainer.archetype.contract;

import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the generated {@code scripts/smoke-test.sh} (which CI runs on the image it built, before
 * pushing it) in its endpoint mode against a function the verifier runs: {@code --url} for the API
 * function, {@code --worker-url} for the queue worker. The script judges every event of that
 * function with the project's own ImageSmokeCheck through {@code ./mvnw}: here with this build's
 * JDK and, through MAVEN_ARGS, offline on this build's local repository.
 */
public final class SmokeScriptCheck {

    public static final String SCRIPT = "scripts/smoke-test.sh";
    /** How long the script may take: Maven's start, the tests' compilation check, every event. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** What one run did: its command line, how long it took, and why it failed ("" when it passed). */
    public record Run(String command, long elapsedMs, String failure) {

        Optional<String> problem() {
            return failure.isEmpty() ? Optional.empty() : Optional.of(failure);
        }
    }

    private SmokeScriptCheck() {}

    /** The script's option that names the emulator endpoint of a function serving {@code serves}. */
    static String endpointOption(Expectation.Source serves) {
        return serves == Expectation.Source.SQS ? "--worker-url" : "--url";
    }

    /** Runs the script in {@code project} against the emulator endpoint {@code url} of a function serving {@code serves}. */
    public static Run run(Path project, Expectation.Source serves, URI url, Path log) {
        return run(project, List.of(endpointOption(serves), url.toString()), Map.of(), log);
    }

    /**
     * Runs the script in {@code project} with {@code arguments} in a developer's shell with
     * {@code extraEnvironment}, whose PATH goes before the shell's.
     */
    public static Run run(Path project, List<String> arguments, Map<String, String> extraEnvironment, Path log) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT));
        command.addAll(arguments);
        String described = String.join(" ", command);
        if (!Files.isRegularFile(project.resolve(SCRIPT))) {
            return new Run(described, 0, SCRIPT + " is missing; CI smoke-tests every image with it");
        }
        long started = System.nanoTime();
        Process process = null;
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment());
            // PATH given: its entries come first (a stand-in command); other variables replace the shell's.
            extraEnvironment.forEach((name, value) -> builder.environment().merge(name, value,
                    (shells, given) -> name.equals("PATH") ? given + ":" + shells : given));
            process = builder.start();
            process.getOutputStream().close();
            boolean ended = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (!ended) {
                return new Run(described, elapsedMs, "`" + described + "` did not end within "
                        + TIMEOUT.toMinutes() + " min; its output: " + log);
            }
            if (process.exitValue() != 0) {
                return new Run(described, elapsedMs, "`" + described + "` exited with " + process.exitValue()
                        + ":\n" + tail(log));
            }
            return new Run(described, elapsedMs, "");
        } catch (IOException e) {
            return new Run(described, 0, "cannot run `" + described + "`: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(described, 0, "interrupted while running `" + described + "`");
        } finally {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /**
     * A developer's shell: this build's JDK (JAVA_HOME and PATH), HOME (where the Maven Wrapper keeps
     * the Maven it downloads), and MAVEN_ARGS that keep the wrapper's Maven offline on this build's
     * local repository, where the generated project's own build resolved everything.
     */
    private static Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        String javaHome = System.getProperty("java.home");
        environment.put("JAVA_HOME", javaHome);
        environment.put("PATH", javaHome + "/bin:/usr/local/bin:/usr/bin:/bin");
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("LANG", "C.UTF-8");
        String localRepository = System.getProperty("it.localRepository", "");
        environment.put("MAVEN_ARGS", "-o" + (localRepository.isBlank() ? "" : " -Dmaven.repo.local=" + localRepository));
        return environment;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
