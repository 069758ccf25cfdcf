package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.lambdacontainer.archetype.contract.FunctionImage;
import io.github.lambdacontainer.archetype.contract.SmokeScriptCheck;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.runtime.FunctionLaunch;
import io.github.lambdacontainer.archetype.contract.runtime.HeapSettings;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated entry point (src/main/docker/entrypoint.sh) in the situations Lambda and its tools
 * put it in beyond a plain cold start, for one Java 25 variant of each framework, each started as
 * built (archive trained) under the real runtime interface client in the Lambda sandbox:
 * {@code docker run} (no AWS_LAMBDA_RUNTIME_API: behind the base image's emulator; scripts/smoke-test.sh
 * passes against it), an
 * {@code AWS_LAMBDA_EXEC_WRAPPER} (which must get the whole command line), the function's memory
 * other than the one the archive was trained with (the archive is still used, the heap follows),
 * provisioned concurrency (Java 25 keeps full tiered compilation), and a user's
 * {@code JAVA_TOOL_OPTIONS=-Xshare:off} (the function still starts, without the archive, and says
 * so once). Every case answers {@code GET /hello?name=} and writes only JSON lines.
 */
class LambdaEntryPointIT {

    private static final String EVENT = "get-hello-with-name.json";
    private static final Duration COLD = Duration.ofSeconds(90);
    private static final Path LOGS = Path.of("target/container-contract/entry-point");
    /** Where the runtime interface client is started from: the entry point's last command. */
    private static final String CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** Each variant's image laid out once, for all its cases. */
    private static final LaidOutImages IMAGES = new LaidOutImages(LOGS);

    /** A function as `docker run` starts the image: the base image's emulator in front, no Runtime API of Lambda's. */
    private static final FunctionLaunch.Settings DOCKER_RUN = FunctionLaunch.Settings.CONTRACT
            .without(Set.of("AWS_LAMBDA_RUNTIME_API"));

    @AfterAll
    static void removeImages() {
        IMAGES.close();
    }

    @TestFactory
    Stream<DynamicNode> theEntryPointDoesWhatTheBaseImageBootstrapDoes() throws IOException {
        List<GeneratedVariant> variants = GeneratedVariant.oneJava25ProjectPerFramework();
        return variants.stream().map(variant -> dynamicContainer(variant.name() + " (" + variant.framework() + ")",
                Stream.of(
                        dynamicTest("docker run: behind the base image's emulator", () -> dockerRun(variant)),
                        dynamicTest("AWS_LAMBDA_EXEC_WRAPPER, 512 MB, on demand", () -> wrapped(variant, 512, "on-demand")),
                        dynamicTest("AWS_LAMBDA_EXEC_WRAPPER, 3008 MB, provisioned concurrency",
                                () -> wrapped(variant, 3008, "provisioned-concurrency")),
                        dynamicTest("JAVA_TOOL_OPTIONS=-Xshare:off", () -> sharingOff(variant)))));
    }

    /** Without AWS_LAMBDA_RUNTIME_API the entry point runs itself behind /usr/local/bin/aws-lambda-rie. */
    private static void dockerRun(GeneratedVariant variant) {
        RequiredChecks.assume(RequiredChecks.SANDBOX, LambdaSandbox.unavailable().isEmpty(),
                () -> "the emulator stand-in needs the Lambda sandbox: " + LambdaSandbox.unavailable().orElseThrow());
        try (FunctionImage.Function function = IMAGES.of(variant).start(DOCKER_RUN, "docker-run.log")) {
            answersHello(function);
            // What CI runs on the image it built before pushing it, here against the image as docker run starts it.
            SmokeScriptCheck.Run smoke = SmokeScriptCheck.run(variant.project(), Expectation.Source.API_GATEWAY,
                    function.emulatorUri(), LOGS.resolve(variant.name()).resolve("docker-run-smoke-test.log").toAbsolutePath());
            assertTrue(smoke.failure().isEmpty(), () -> smoke.failure() + "\n" + function.outputTail());
            System.out.printf(Locale.ROOT, "%s: `%s` against the image as docker run starts it passed in %.1f s%n",
                    variant.name(), smoke.command(), smoke.elapsedMs() / 1000.0);
            assertNoProblem(function.archiveUnused(), function);
            assertNoProblem(function.outputNotJson(), function);
        }
    }

    /**
     * The wrapper gets the runtime's command line and execs it; that command line shows the heap
     * at 85% of the memory, C1 only but under provisioned concurrency on Java 25; the JVM sees the
     * memory and still starts from the archive trained for another size.
     */
    private static void wrapped(GeneratedVariant variant, int memoryMb, String initializationType) throws IOException {
        FunctionImage image = IMAGES.of(variant);
        // In the image's work directory, the one the sandbox shows the function; it writes beside itself.
        Path wrapperDirectory = image.writableDirectory("wrapper-" + memoryMb);
        Path commandLine = wrapperDirectory.resolve("command-line");
        Files.deleteIfExists(commandLine);
        Path wrapper = wrapperDirectory.resolve("wrapper.sh");
        Files.writeString(wrapper, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/command-line\"\nexec \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_LAMBDA_EXEC_WRAPPER", wrapper.toString());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
        try (FunctionImage.Function function = image.start(environment, "wrapper-" + memoryMb + ".log")) {
            answersHello(function);
            assertTrue(Files.isRegularFile(commandLine), "the entry point did not run AWS_LAMBDA_EXEC_WRAPPER "
                    + wrapper + "\n" + function.outputTail());
            List<String> arguments = Files.readAllLines(commandLine);
            assertEquals("java", arguments.getFirst(), "the wrapper's first argument, the command to exec: " + arguments);
            assertEquals(image.handler(), arguments.getLast(), "the handler, last on the command line: " + arguments);
            assertTrue(arguments.contains(CLIENT_MAIN), "the runtime interface client on the command line: " + arguments);
            assertTrue(arguments.contains("-XX:MaxHeapSize=" + memoryMb * 1024 * 85 / 100 + "k"),
                    "the heap at 85% of " + memoryMb + " MB: " + arguments);
            boolean c1Only = arguments.contains("-XX:TieredStopAtLevel=1");
            boolean fullTiering = initializationType.equals("provisioned-concurrency") && variant.javaVersion().equals("25");
            assertEquals(!fullTiering, c1Only, "C1 only (-XX:TieredStopAtLevel=1) for " + initializationType
                    + " on Java " + variant.javaVersion() + ": " + arguments);
            assertNoProblem(function.archiveUnused(), function);
            if (function.hasMemoryEnvelope()) {
                HeapSettings heap = function.heap().orElseThrow(() -> new AssertionError("no heap log\n"
                        + function.outputTail()));
                assertEquals(memoryMb + "M", heap.memory(), "the memory the JVM saw (" + function.sandbox() + ")");
            }
            assertNoProblem(function.outputNotJson(), function);
        }
    }

    /** A user's own class-sharing setting wins over the archive: the function starts without it and says so once. */
    private static void sharingOff(GeneratedVariant variant) {
        try (FunctionImage.Function function = IMAGES.of(variant).start(Map.of("JAVA_TOOL_OPTIONS", "-Xshare:off"),
                "xshare-off.log")) {
            answersHello(function);
            assertTrue(function.archiveUnused().isPresent(), "with -Xshare:off no class can come from the archive");
            List<String> said = function.output().stream()
                    .filter(line -> line.contains("\"logger\":\"entrypoint.sh\"") && line.contains("JAVA_TOOL_OPTIONS"))
                    .toList();
            assertEquals(1, said.size(), "the entry point says once that it starts without the archive:\n"
                    + function.outputTail());
            assertNoProblem(function.outputNotJson(), function);
        }
    }

    /**
     * The smoke script fails, naming the event, when an answer breaks events/expected.json: here
     * the project's sources copied, their expected.json asking for another greeting, against the
     * plain project's function as docker run starts it.
     */
    @Test
    void smokeScriptFailsOnAnAnswerExpectedJsonDoesNotAllow(@TempDir Path scratch) throws IOException {
        RequiredChecks.assume(RequiredChecks.SANDBOX,
                LambdaSandbox.unavailable().map(reason -> "the emulator stand-in needs the Lambda sandbox: " + reason));
        GeneratedVariant variant = plainVariant();
        Path copy = scratch.resolve(variant.project().getFileName());
        TestDirectories.copySources(variant.project(), copy);
        Path expected = copy.resolve("events/expected.json");
        String greeting = "\"hello, Ada!\"";
        assertTrue(Files.readString(expected).contains(greeting), "expected.json no longer asks for " + greeting);
        Files.writeString(expected, Files.readString(expected).replace(greeting, "\"hello, Bob!\""));
        try (FunctionImage.Function function = IMAGES.of(variant).start(DOCKER_RUN, "docker-run-broken-expectation.log")) {
            SmokeScriptCheck.Run smoke = SmokeScriptCheck.run(copy, Expectation.Source.API_GATEWAY, function.emulatorUri(),
                    LOGS.resolve(variant.name()).resolve("smoke-test-broken-expectation.log").toAbsolutePath());
            System.out.println("scripts/smoke-test.sh with expected.json asking for \"hello, Bob!\": " + smoke.failure());
            assertFalse(smoke.failure().isEmpty(), "smoke-test.sh passed although expected.json asks for \"hello, Bob!\"");
            assertTrue(smoke.failure().contains("get-hello-with-name.json") && smoke.failure().contains("hello, Ada!"),
                    "the failure names the event and what it answered: " + smoke.failure());
        }
    }

    /**
     * The script's own mode, {@code scripts/smoke-test.sh IMAGE}, with a stand-in {@code docker}
     * that records its arguments and publishes the "container" on the emulator address of the
     * plain project's function started as docker run starts it: the script starts the image on a
     * free local port, waits for its emulator, judges every event through it and removes the container.
     */
    @Test
    void smokeScriptStartsTheImageJudgesItsAnswersAndRemovesTheContainer(@TempDir Path scratch) throws IOException {
        RequiredChecks.assume(RequiredChecks.SANDBOX,
                LambdaSandbox.unavailable().map(reason -> "the emulator stand-in needs the Lambda sandbox: " + reason));
        GeneratedVariant variant = plainVariant();
        try (FunctionImage.Function function = IMAGES.of(variant).start(DOCKER_RUN, "docker-run-image-mode.log")) {
            StandInDocker docker = StandInDocker.in(scratch, function, null);
            SmokeScriptCheck.Run smoke = SmokeScriptCheck.run(variant.project(), List.of("example/app:arm64"),
                    docker.path(), LOGS.resolve(variant.name()).resolve("smoke-test-image.log").toAbsolutePath());
            assertTrue(smoke.failure().isEmpty(), () -> smoke.failure() + "\n" + function.outputTail());
            List<String> dockerCalls = docker.calls();
            assertEquals("run --detach --publish 127.0.0.1::8080 example/app:arm64", dockerCalls.getFirst(),
                    "the image started on a free local port, with its own CMD: " + dockerCalls);
            assertEquals("rm --force " + StandInDocker.API_CONTAINER, dockerCalls.getLast(),
                    "the container removed: " + dockerCalls);
        }
    }

    /**
     * The same mode for a project with a queue worker: the script starts the image a second time with
     * the worker's handler, read from template.yaml's ImageConfig.Command, sends the SQS batches there
     * and removes both containers. The stand-in {@code docker} publishes each container on the
     * emulator address of that function (API or worker) started as docker run starts it.
     */
    @Test
    void smokeScriptStartsTheQueueWorkerWithTheHandlerTemplateYamlGivesIt(@TempDir Path scratch) throws IOException {
        RequiredChecks.assume(RequiredChecks.SANDBOX,
                LambdaSandbox.unavailable().map(reason -> "the emulator stand-in needs the Lambda sandbox: " + reason));
        GeneratedVariant variant = GeneratedVariant.all().stream()
                .filter(candidate -> candidate.framework().equals("plain") && candidate.worker().equals("sqs")
                        && candidate.javaVersion().equals("25"))
                .findFirst().orElseThrow(() -> new AssertionError("no Java 25 plain project with worker=sqs"));
        // The verifier's own reading of template.yaml, not the script's sed.
        String handler = IMAGES.of(variant, Expectation.Source.SQS).handler();
        Path log = LOGS.resolve(variant.name()).resolve("smoke-test-image.log").toAbsolutePath();
        try (FunctionImage.Function api = IMAGES.of(variant).start(DOCKER_RUN, "docker-run-image-mode-api.log");
                FunctionImage.Function worker = IMAGES.of(variant, Expectation.Source.SQS).start(DOCKER_RUN,
                        "docker-run-image-mode-worker.log")) {
            StandInDocker docker = StandInDocker.in(scratch, api, worker);
            SmokeScriptCheck.Run smoke = SmokeScriptCheck.run(variant.project(), List.of("example/app:arm64"),
                    docker.path(), log);
            assertTrue(smoke.failure().isEmpty(), () -> smoke.failure() + "\n" + api.outputTail() + "\n" + worker.outputTail());
            assertTrue(Files.readString(log).contains("SQS batches to http://" + worker.emulatorUri().getAuthority() + "/"),
                    "the batches went to the worker: " + Files.readString(log));
            List<String> dockerCalls = docker.calls();
            assertTrue(dockerCalls.contains("run --detach --publish 127.0.0.1::8080 example/app:arm64 " + handler),
                    "the worker started with template.yaml's handler " + handler + ": " + dockerCalls);
            assertTrue(dockerCalls.containsAll(List.of("rm --force " + StandInDocker.API_CONTAINER,
                    "rm --force " + StandInDocker.WORKER_CONTAINER)), "both containers removed: " + dockerCalls);
        }
    }

    /**
     * A {@code docker} for scripts/smoke-test.sh's IMAGE mode that records its arguments and publishes
     * each "container" on the emulator address of a function started as docker run starts it: the
     * image's own CMD on {@code api}, the image started with a handler argument on {@code worker}.
     */
    private record StandInDocker(Path bin, Path callLog) {

        static final String API_CONTAINER = "api0000000000000";
        static final String WORKER_CONTAINER = "worker0000000000";

        static StandInDocker in(Path scratch, FunctionImage.Function api, FunctionImage.Function worker)
                throws IOException {
            StandInDocker docker = new StandInDocker(Files.createDirectories(scratch.resolve("bin")),
                    scratch.resolve("docker-calls"));
            Path script = docker.bin().resolve("docker");
            // `docker run --detach --publish ADDRESS IMAGE` has 5 arguments; a handler after the image makes 6.
            Files.writeString(script, """
                    #!/bin/sh
                    echo "$*" >> %1$s
                    case "$1 $2" in
                      "run --detach") if [ $# -gt 5 ]; then echo %2$s; else echo %3$s; fi ;;
                      "port %3$s") echo %4$s ;;
                      "port %2$s") echo %5$s ;;
                      "inspect "*) echo true ;;
                    esac
                    """.formatted(docker.callLog(), WORKER_CONTAINER, API_CONTAINER, api.emulatorUri().getAuthority(),
                    worker == null ? "" : worker.emulatorUri().getAuthority()));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return docker;
        }

        /** The PATH the script runs with: this docker first. */
        Map<String, String> path() {
            return Map.of("PATH", bin.toString());
        }

        List<String> calls() throws IOException {
            return Files.readAllLines(callLog);
        }
    }

    private static GeneratedVariant plainVariant() {
        return GeneratedVariant.oneJava25ProjectPerFramework().stream()
                .filter(candidate -> candidate.framework().equals("plain")).findFirst().orElseThrow();
    }

    private static void answersHello(FunctionImage.Function function) {
        FunctionImage.Reply reply = function.invoke(EVENT, COLD);
        assertEquals(200, reply.statusCode(), reply + "\n" + function.outputTail());
        assertTrue(reply.bodyJson().path("message").asText().startsWith("hello, "), reply.toString());
    }

    private static void assertNoProblem(Optional<String> problem, FunctionImage.Function function) {
        assertTrue(problem.isEmpty(), () -> problem.orElseThrow() + "\n" + function.outputTail());
    }
}
