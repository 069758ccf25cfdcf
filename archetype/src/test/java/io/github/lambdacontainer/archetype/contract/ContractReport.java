package io.github.lambdacontainer.archetype.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.lambdacontainer.archetype.contract.concurrency.ConcurrencyCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a passing verification measured, written as {@code <report directory>/<variant>.json} for
 * the benchmark to build on.
 *
 * @param variant        the archetype integration test's name
 * @param project        the generated project's directory
 * @param javaVersion    the project's Java version (pom.xml)
 * @param dockerfiles    one entry per Dockerfile run
 * @param notExecuted    the Lambda images no JVM here can run, with the reason (laid out and
 *                       checked statically only)
 * @param invokeScript   the event {@code scripts/invoke.sh} was run with and checked
 * @param smokeScripts   each run of {@code scripts/smoke-test.sh} against a function (API, queue worker)
 * @param concurrency    the overlapping-invocations check of each image whose function has a
 *                       per-environment max concurrency (Lambda Managed Instances)
 * @param concurrencyNotChecked the functions that check did not run for, with the reason
 */
public record ContractReport(
        String variant,
        String project,
        int javaVersion,
        List<DockerfileRun> dockerfiles,
        List<NotExecuted> notExecuted,
        String invokeScript,
        List<SmokeScriptCheck.Run> smokeScripts,
        List<ConcurrencyCheck.Figures> concurrency,
        List<String> concurrencyNotChecked) {

    /**
     * @param dockerfile      e.g. {@code Dockerfile.arm64}
     * @param kind            {@code lambda} (run under the runtime interface client) or {@code server}
     * @param command         the handler (lambda) or the command line (server) from CMD
     * @param java            the JDK that ran it
     * @param javaVersion     that JDK's version; differs from the project's when no exact JDK is installed
     * @param architecture    that JDK's CPU architecture (aarch64 ran under user-mode emulation here)
     * @param jvmFlags        the JVM flags the verifier added (lambda: the base image bootstrap's, or the
     *                        JAVA_TOOL_OPTIONS given to the image's own entry point)
     * @param memoryMb        the function's memory size from template.yaml (lambda), 0 for the server
     * @param sandbox         how the run was isolated as Lambda isolates a function, or why it was not
     * @param jniLibrary      where the runtime client's JNI library was loaded from (lambda)
     * @param msToFirstAnswer ms from launching the JVM to the first answered event
     * @param peakRssKb       the JVM's peak resident set size (VmHWM), -1 where unavailable
     * @param eventsChecked   how many events were sent and matched expected.json
     * @param classesLoaded   classes the function's JVM loaded by the end of the run (lambda), -1 for the server
     * @param classesFromArchive of those, how many came from a class-data archive (the JDK's CDS
     *                        archive or the image's AOT cache/CDS archive)
     * @param classesFromJars of those, how many were read from the function's jars (lambda), -1 for the server
     * @param clientClassesFromJars of those, how many are the runtime interface client's own (its
     *                        package {@code com.amazonaws.services.lambda.runtime.api.client}), -1 for the server
     * @param jsonLinesChecked lines of the function's output held to be one JSON object each
     *                        (lambda, LoggingConfig JSON), 0 where not checked
     * @param jvmLinesUnchecked lines a stand-in JVM (another release than the image's) printed
     *                        itself, left out of the JSON-only check; 0 on the image's own release
     * @param elapsedMs       how long the whole run took, start to last check
     */
    public record DockerfileRun(
            String dockerfile,
            String kind,
            String command,
            String java,
            String javaVersion,
            String architecture,
            List<String> jvmFlags,
            int memoryMb,
            String sandbox,
            String jniLibrary,
            long msToFirstAnswer,
            long peakRssKb,
            int eventsChecked,
            int classesLoaded,
            int classesFromArchive,
            int classesFromJars,
            int clientClassesFromJars,
            int jsonLinesChecked,
            int jvmLinesUnchecked,
            long elapsedMs) {}

    /** A Lambda image laid out and checked statically, but not run: no JVM of its architecture and version here. */
    public record NotExecuted(String dockerfile, String reason) {}

    Path writeTo(Path directory) {
        Path file = directory.resolve(variant + ".json");
        try {
            Files.createDirectories(directory);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
