package io.github.lambdacontainer.archetype.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the generated {@code scripts/invoke.sh events/<event>} (which users point at the Runtime
 * Interface Emulator in the image) with {@code RIE_URL} set to the verifier's emulator endpoint,
 * and checks that what it prints is the function's answer meeting expected.json.
 */
final class InvokeScriptCheck {

    static final String SCRIPT = "scripts/invoke.sh";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InvokeScriptCheck() {}

    /**
     * The event the script is run with: the first API Gateway event expected to succeed, else the
     * first API Gateway event (the image's CMD handler answers those), else the first one.
     */
    static String eventFor(GeneratedProject project) {
        List<String> apiEvents = project.expectations().entrySet().stream()
                .filter(entry -> entry.getValue().source() == Expectation.Source.API_GATEWAY)
                .map(Map.Entry::getKey)
                .toList();
        return apiEvents.stream()
                .filter(name -> project.expectations().get(name).expectsSuccess())
                .findFirst()
                .or(() -> apiEvents.stream().findFirst())
                .orElseGet(() -> project.events().keySet().iterator().next());
    }

    /** Why the script breaks the contract, or empty when its output meets the expectation. */
    static Optional<String> run(GeneratedProject project, URI rieInvokeUri, Duration timeout, Path logDirectory) {
        Path script = project.directory().resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            return Optional.of(SCRIPT + " is missing; it is how users invoke the image through the emulator");
        }
        String eventName = eventFor(project);
        String command = "bash " + SCRIPT + " events/" + eventName;
        Path stdoutFile = logDirectory.resolve("invoke.sh.stdout.log");
        Path stderrFile = logDirectory.resolve("invoke.sh.stderr.log");
        Process process = null;
        try {
            Files.createDirectories(logDirectory);
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", SCRIPT, "events/" + eventName))
                    .directory(project.directory().toFile())
                    .redirectOutput(stdoutFile.toFile())
                    .redirectError(stderrFile.toFile());
            builder.environment().clear();
            builder.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8",
                    "RIE_URL", rieInvokeUri.toString()));
            process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of("`" + command + "` did not finish within " + timeout.toSeconds() + " s");
            }
            String output = Files.readString(stdoutFile, StandardCharsets.UTF_8).strip();
            String stderr = Files.readString(stderrFile).strip();
            if (process.exitValue() != 0) {
                return Optional.of("`" + command + "` with RIE_URL=" + rieInvokeUri + " exited with "
                        + process.exitValue() + "; stdout: " + output + "; stderr: " + stderr);
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(output);
            } catch (JsonProcessingException e) {
                answer = null;
            }
            if (answer == null || answer.isMissingNode()) {
                return Optional.of("`" + command + "` must print the function's response JSON but printed: "
                        + output + (stderr.isEmpty() ? "" : "; stderr: " + stderr));
            }
            List<String> mismatches = project.expectations().get(eventName).mismatches(answer);
            return mismatches.isEmpty() ? Optional.empty() : Optional.of("`" + command + "` printed a response that "
                    + "does not meet expected.json: " + String.join("; ", mismatches) + "\n      got " + output);
        } catch (IOException e) {
            return Optional.of("cannot run `" + command + "`: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while running `" + command + "`");
        } finally {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
