package io.github.lambdacontainer.archetype.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.RequiredChecks;
import io.github.lambdacontainer.archetype.TestDirectories;
import io.github.lambdacontainer.archetype.contract.concurrency.ConcurrencyCheck;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeInterfaceClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifier against small projects built here: one that meets the contract end to end through
 * the real runtime interface client, and one per way of breaking it, each failure naming the
 * thing that is wrong.
 */
class ContainerContractTest {

    private static final int JAVA = Runtime.version().feature();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private FixtureProject fixture() {
        return FixtureProject.create(temp.resolve("project"), JAVA);
    }

    private ContainerContract.Options options(Duration coldAnswerTimeout) {
        return options(coldAnswerTimeout, TestDirectories.sandboxWork());
    }

    private ContainerContract.Options options(Duration coldAnswerTimeout, Path workDirectory) {
        // A fixture is no Maven project: no smoke-test.sh to run.
        return new ContainerContract.Options(coldAnswerTimeout, Duration.ofSeconds(10), temp.resolve("reports"), false,
                workDirectory);
    }

    private AssertionError failure(FixtureProject project) {
        return assertThrows(AssertionError.class,
                () -> ContainerContract.verify(project.directory(), "broken", options(Duration.ofSeconds(30))));
    }

    private static void assertMentions(AssertionError failure, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(failure.getMessage().contains(fragment),
                    () -> "expected the failure to mention `" + fragment + "` but it was:\n" + failure.getMessage());
        }
    }

    /** With the images laid out in each place a checkout may be, which the sandbox must work from all the same. */
    @ParameterizedTest(name = "work directory {0}")
    @MethodSource("io.github.lambdacontainer.archetype.TestDirectories#sandboxPlaces")
    void projectMeetingTheContractPassesEndToEndThroughTheRealRuntimeInterfaceClient(TestDirectories.SandboxPlace place)
            throws IOException {
        FixtureProject project = fixture();

        ContractReport report = ContainerContract.verify(project.directory(), "good",
                options(Duration.ofSeconds(30), place.base()));

        assertEquals(List.of("Dockerfile.x86_64", "Dockerfile.server"),
                report.dockerfiles().stream().map(ContractReport.DockerfileRun::dockerfile).toList());
        // Why depends on the machine: no qemu-user-static (a fresh one), or no aarch64 JDK 25 (Debian has none).
        JavaRuntime.ForPlatform arm64 = JavaRuntime.forPlatform(JAVA, StaticContract.LAMBDA_PLATFORMS.get("arm64"));
        assertTrue(arm64.runtime().isEmpty(), "this test expects no aarch64 JDK " + JAVA + " here");
        assertEquals(List.of(new ContractReport.NotExecuted("Dockerfile.arm64", "arm64 not executed: " + arm64.whyNone())),
                report.notExecuted(), "no aarch64 JDK " + JAVA + " here: laid out and checked, not run, and said so");
        for (ContractReport.DockerfileRun run : report.dockerfiles()) {
            assertAll(run.dockerfile(),
                    () -> assertEquals(3, run.eventsChecked(), "events checked"),
                    () -> assertTrue(run.msToFirstAnswer() > 0, "ms to first answer"),
                    () -> assertTrue(run.peakRssKb() > 10_000, "peak RSS of a JVM is well above 10 MB"));
        }
        assertEquals(List.of(), report.concurrency());
        assertEquals(List.of("skipped: no function in template.yaml sets CapacityProviderConfig."
                + "PerExecutionEnvironmentMaxConcurrency (Lambda Managed Instances)"), report.concurrencyNotChecked());
        assertTrue(report.dockerfiles().getFirst().jvmFlags().contains("-XX:+UseSerialGC"));
        assertTrue(report.dockerfiles().getFirst().jvmFlags().contains("-XX:MaxHeapSize=445645k"),
                "heap is 85% of the template's 512 MB");
        JsonNode written = JSON.readTree(temp.resolve("reports/good.json").toFile());
        assertEquals("good", written.path("variant").asText());
        assertEquals(2, written.path("dockerfiles").size());
        assertTrue(written.path("dockerfiles").get(0).path("peakRssKb").asLong() > 0);
        assertTrue(Files.readString(temp.resolve("reports/good/Dockerfile.x86_64.log"))
                .contains("Picked up JAVA_TOOL_OPTIONS: -XX:+TieredCompilation"),
                "the runtime's output is kept, and the Dockerfile's ENV reached its JVM");
    }

    @Test
    void sqsBatchGoesToTheFunctionWhoseImageCommandNamesTheWorkerAndItsFailuresAreChecked() throws IOException {
        FixtureProject project = fixture().withSqsWorker();

        ContractReport report = ContainerContract.verify(project.directory(), "worker", options(Duration.ofSeconds(30)));

        assertEquals(List.of("Dockerfile.x86_64 " + FixtureProject.HANDLER, "Dockerfile.x86_64 " + FixtureProject.QUEUE_WORKER,
                        "Dockerfile.server"),
                report.dockerfiles().stream().map(run -> run.dockerfile()
                        + (run.kind().equals("lambda") ? " " + run.command() : "")).toList());
        assertEquals(List.of(3, 1, 3), report.dockerfiles().stream().map(ContractReport.DockerfileRun::eventsChecked)
                .toList(), "API Gateway events to the CMD handler and the server, the SQS batch to the worker only");
        assertTrue(Files.readString(temp.resolve("reports/worker/Dockerfile.x86_64-WorkerFunction.log"))
                .contains("Picked up JAVA_TOOL_OPTIONS"), "the worker ran in the image, with its ENV");
        assertEquals("scripts/invoke.sh events/get-hello.json", report.invokeScript(), "invoke.sh sends an API event");
    }

    @Test
    void workerReportingOtherFailuresThanExpectedFailsNamingTheMessages() {
        FixtureProject project = fixture().withSqsWorker().replace("events/expected.json",
                "\"itemIdentifier\": \"" + FixtureProject.POISON_MESSAGE_ID + "\"", "\"itemIdentifier\": \"fixture-msg-1\"");

        assertMentions(failure(project), "(handler " + FixtureProject.QUEUE_WORKER,
                "event sqs-orders.json: message fixture-msg-1 is not in batchItemFailures",
                "message " + FixtureProject.POISON_MESSAGE_ID + " is reported in batchItemFailures, so SQS would deliver it again");
    }

    @Test
    void imageCommandNamingAMissingHandlerClassFails() {
        FixtureProject project = fixture().withSqsWorker().replace("template.yaml", FixtureProject.QUEUE_WORKER,
                "fixture.app.QueueWorkr::handleRequest");

        assertMentions(failure(project), "template.yaml function WorkerFunction overrides the handler with ImageConfig.Command",
                "fixture.app.QueueWorkr is not in the image's task root");
    }

    @Test
    void sqsBatchWithoutAFunctionReadingAQueueFails() {
        FixtureProject project = fixture().withSqsWorker().replace("template.yaml", "Type: SQS", "Type: Api");

        assertMentions(failure(project), "events [sqs-orders.json] are SQS batches, but no function in template.yaml "
                + "has an SQS event source");
    }

    /** FixtureFunction's Events as template.yaml has them: a REST API (payload 1.0) and an HTTP API (2.0). */
    private static final String FIXTURE_EVENTS = "      Events:\n        Api:\n          Type: Api\n"
            + "          Properties:\n            Path: /{proxy+}\n            Method: ANY\n"
            + "        HttpApi:\n          Type: HttpApi\n";

    @Test
    void eventInAPayloadFormatNoWayInDeliversFails() {
        FixtureProject project = fixture().replace("template.yaml", "        HttpApi:\n          Type: HttpApi\n", "");

        assertMentions(failure(project), "events [post-hello-v2.json] are payload 2.0 requests, but template.yaml "
                + "delivers payload 1.0 only (FixtureFunction: Api event Api (payload 1.0)), so no deployed function "
                + "would receive them in that format");
    }

    @Test
    void functionUrlDeliversPayload2EventsOnly() {
        FixtureProject project = fixture().replace("template.yaml", FIXTURE_EVENTS,
                "      FunctionUrlConfig:\n        AuthType: AWS_IAM\n");

        assertMentions(failure(project), "events [get-hello.json, get-unknown.json] are payload 1.0 requests, but "
                + "template.yaml delivers payload 2.0 only (FixtureFunction: function URL (payload 2.0))");
    }

    @Test
    void httpEventsWithoutAFunctionTheyReachFail() {
        FixtureProject project = fixture().replace("template.yaml", FIXTURE_EVENTS, "");

        assertMentions(failure(project), "events [get-hello.json, get-unknown.json, post-hello-v2.json] are HTTP "
                + "requests, but no function in template.yaml receives any: none has an Api or HttpApi event or a "
                + "FunctionUrlConfig");
    }

    @Test
    void expectedFailureOfAMessageTheBatchDoesNotHoldFails() {
        FixtureProject project = fixture().withSqsWorker().replace("events/expected.json",
                FixtureProject.POISON_MESSAGE_ID, "fixture-msg-9");

        assertMentions(failure(project), "expects sqs-orders.json to report [fixture-msg-9] as failed, but the event "
                + "has no message with that messageId");
    }

    @Test
    void projectForJava17RunsOnAJdk17() {
        FixtureProject project = FixtureProject.create(temp.resolve("project17"), 17);

        ContractReport report = ContainerContract.verify(project.directory(), "java17", options(Duration.ofSeconds(30)));

        assertTrue(report.dockerfiles().getFirst().javaVersion().startsWith("17"),
                "ran on " + report.dockerfiles().getFirst().javaVersion());
    }

    @Test
    void arm64DockerfileThatBuildsForAmd64Fails() {
        FixtureProject project = fixture().replace("Dockerfile.arm64", "--platform=linux/arm64", "--platform=linux/amd64");

        assertMentions(failure(project), "variant 'broken'", "Dockerfile.arm64 builds for --platform=linux/amd64",
                "its name says arm64");
    }

    @Test
    void baseImageForAnotherJavaThanThePomFails() {
        FixtureProject project = fixture().replace("Dockerfile.x86_64", "lambda/java:" + JAVA, "lambda/java:21");

        assertMentions(failure(project), "Dockerfile.x86_64 starts FROM public.ecr.aws/lambda/java:21",
                "pom.xml sets <java.version>" + JAVA + "</java.version>", "public.ecr.aws/lambda/java:" + JAVA);
    }

    @Test
    void copyOfAMissingSourceFails() {
        FixtureProject project = fixture().replace("Dockerfile.arm64", "COPY target/lib", "COPY target/dependency");

        assertMentions(failure(project), "Dockerfile.arm64:7", "COPY source target/dependency does not exist");
    }

    @Test
    void copyOfASourceExcludedByDockerignoreFails() {
        FixtureProject project = fixture().write(".dockerignore", "target/lib\n");

        assertMentions(failure(project), "COPY source target/lib is excluded", ".dockerignore line 1");
    }

    @Test
    void handlerClassThatDoesNotExistFails() {
        FixtureProject project = fixture().replace("Dockerfile.arm64", FixtureProject.HANDLER,
                "fixture.app.LambdaHandlr::handleRequest");

        assertMentions(failure(project), "Dockerfile.arm64:8", "fixture.app.LambdaHandlr is not in the image's task root");
    }

    @Test
    void handlerClassThatIsNoRequestHandlerFails() {
        FixtureProject project = fixture().replace("Dockerfile.x86_64", FixtureProject.HANDLER,
                "fixture.app.NotAHandler::handleRequest");

        assertMentions(failure(project), "Dockerfile.x86_64", "fixture.app.NotAHandler implements neither");
    }

    @Test
    void handlerThatThrowsIsReportedWithTheRuntimeClientsError() {
        FixtureProject project = fixture().replace("Dockerfile.x86_64", FixtureProject.HANDLER,
                FixtureProject.THROWING_HANDLER);

        assertMentions(failure(project), "Dockerfile.x86_64 (handler " + FixtureProject.THROWING_HANDLER,
                "event get-hello.json: the function failed",
                "Lambda-Runtime-Function-Error-Type: Runtime.UserException",
                "errorType java.lang.IllegalStateException", FixtureProject.THROWN_MESSAGE,
                "expected {\"statusCode\":200", "last 40 lines of its output");
    }

    @Test
    void handlerThatNeverAnswersFailsAfterABoundedWaitAndIsKilled() {
        FixtureProject project = fixture().replace("Dockerfile.x86_64", FixtureProject.HANDLER,
                FixtureProject.SILENT_HANDLER);
        long start = System.nanoTime();

        AssertionError failure = assertThrows(AssertionError.class,
                () -> ContainerContract.verify(project.directory(), "silent", options(Duration.ofSeconds(4))));

        assertMentions(failure, "event get-hello.json: no answer within 4 s", "the runtime process was killed");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "the wait is bounded");
        assertFalse(ProcessHandle.allProcesses().anyMatch(process -> process.info().commandLine()
                        .map(line -> line.contains("fixture.app.SilentHandler")).orElse(false)),
                "the runtime process is gone");
    }

    @Test
    void answerThatDoesNotMeetExpectedJsonFailsShowingExpectedAndActual() {
        FixtureProject project = fixture().replace("events/expected.json", "\"hello, Ada!\"", "\"hi, Ada!\"");

        assertMentions(failure(project), "event get-hello.json: body.message is \"hello, Ada!\", expected \"hi, Ada!\"",
                "got      {", "\"statusCode\":200", "\"body\":\"{\\\"message\\\":\\\"hello, Ada!\\\"}\"");
    }

    @Test
    void templateDeployingX86FromTheArm64DockerfileFails() {
        FixtureProject project = fixture().replace("template.yaml", "Dockerfile: Dockerfile.x86_64",
                "Dockerfile: Dockerfile.arm64");

        assertMentions(failure(project), "template.yaml function FixtureFunction deploys architecture x86_64",
                "Metadata.Dockerfile Dockerfile.arm64 builds for --platform=linux/arm64");
    }

    @Test
    void templateNamingADockerfileThatDoesNotExistFails() {
        FixtureProject project = fixture().replace("template.yaml", "Dockerfile: Dockerfile.x86_64",
                "Dockerfile: Dockerfile");

        assertMentions(failure(project), "builds its image from Metadata.Dockerfile Dockerfile, which is not");
    }

    @Test
    void imageWithItsOwnEntryPointStartsFromTheArchiveItsBuildTrained() {
        FixtureProject project = fixture().withTrainedEntrypoint();

        ContractReport report = ContainerContract.verify(project.directory(), "trained", options(Duration.ofSeconds(30)));

        ContractReport.DockerfileRun x86 = report.dockerfiles().getFirst();
        assertEquals(3, x86.eventsChecked());
        assertTrue(x86.classesFromArchive() > 0 && x86.classesLoaded() > x86.classesFromArchive(),
                "classes from the archive, the rest from jars: " + x86.classesFromArchive() + " of " + x86.classesLoaded());
        assertEquals(0, x86.clientClassesFromJars(), "the runtime interface client's classes all from the archive");
        assertTrue(x86.jvmFlags().getFirst().startsWith("JAVA_TOOL_OPTIONS=-XX:+TieredCompilation"),
                "the verifier's options follow the image's own JAVA_TOOL_OPTIONS: " + x86.jvmFlags());
        assertTrue(x86.jniLibrary().endsWith("/var/task/jni/libaws-lambda-jni.so"),
                "the JNI library the image laid out, not one unpacked into /tmp: " + x86.jniLibrary());
    }

    @Test
    void entryPointThatDoesNotUseTheTrainedArchiveFails() {
        FixtureProject project = fixture().withTrainedEntrypoint()
                .replace("src/main/docker/entrypoint.sh", "run_java -XX:AOTCache=\"$LAMBDA_TASK_ROOT/function.aot\"", "run_java");

        assertMentions(failure(project), "Dockerfile.x86_64:9: the image build trains a class-data archive, but the "
                + "function started without it: its handler class fixture.app.LambdaHandler was loaded from file:");
    }

    @Test
    void trainingThatCallsTheHandlerWithoutTheRuntimeInterfaceClientFails() {
        FixtureProject project = fixture().withTrainedEntrypoint()
                .replace("src/main/docker/entrypoint.sh", "fixture.app.Training", "fixture.app.Training --handler-only");

        assertMentions(failure(project), "Dockerfile.x86_64:9: the image build trains a class-data archive, but ",
                " runtime interface client classes this cold start loaded came from jars, not the archive: ",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda, ",
                "The training must run the handler through the runtime interface client");
    }

    @Test
    void functionWritingALineThatIsNotJsonFailsNamingIt() {
        FixtureProject project = fixture().withTrainedEntrypoint()
                .replace("src/main/docker/entrypoint.sh", "set -eu\n", "set -eu\necho starting the fixture\n");

        assertMentions(failure(project), "lines the function wrote are not a JSON object each, though template.yaml "
                + "sets LoggingConfig LogFormat: JSON", "line 1: starting the fixture");
    }

    @Test
    void entryPointLettingTheRuntimeClientUnpackItsJniLibraryFails() {
        FixtureProject project = fixture().withTrainedEntrypoint()
                .replace("src/main/docker/entrypoint.sh",
                        "-D" + RuntimeInterfaceClient.JNI_PROPERTY + "=$LAMBDA_TASK_ROOT/jni/libaws-lambda-jni.so", "");

        assertMentions(failure(project), "the runtime interface client unpacked its JNI library to /tmp/.libaws-lambda-jni.so "
                + "at this cold start");
    }

    @Test
    void archiveTrainedWithAnotherHeapThanTheFunctionsFails() {
        FixtureProject project = fixture().withTrainedEntrypoint()
                .replace("src/main/docker/entrypoint.sh", "${AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-512}",
                        "${AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-2048}");

        assertMentions(failure(project), "Dockerfile.x86_64:9 trained the class-data archive with Serial collector and a ",
                "but template.yaml function FixtureFunction (MemorySize 512) runs with Serial and ");
    }

    @Test
    void entryPointStartingASecondEmulatorWhereTheRuntimeApiIsSetFails() {
        RequiredChecks.assume(RequiredChecks.SANDBOX, LambdaSandbox.unavailable());
        FixtureProject project = fixture().withTrainedEntrypoint()
                .replace("src/main/docker/entrypoint.sh", "set -eu\n", """
                        set -eu
                        if [ "${1:-}" != "--train" ]; then exec /usr/local/bin/aws-lambda-rie /bin/sh "$0" --started "$@"; fi
                        """);

        assertMentions(failure(project), LambdaSandbox.SECOND_EMULATOR);
    }

    /**
     * Inside the sandbox, with the images laid out in each place a checkout may be: not root, the
     * task root read-only, /tmp writable and empty at start (the build's files are not in it, even
     * when the checkout is under /tmp), and the function's memory as its cgroup.
     */
    @ParameterizedTest(name = "work directory {0}")
    @MethodSource("io.github.lambdacontainer.archetype.TestDirectories#sandboxPlaces")
    void functionRunsAsLambdaRunsItNotAsRootWithItsTaskRootReadOnlyAndItsMemory(TestDirectories.SandboxPlace place)
            throws IOException {
        RequiredChecks.assume(RequiredChecks.SANDBOX, LambdaSandbox.unavailable());
        FixtureProject project = fixture().withTrainedEntrypoint()
                .replace("src/main/docker/entrypoint.sh", "set -eu\n", """
                        set -eu
                        if [ "${1:-}" != "--train" ]; then
                          tmp_entries=$(ls -A /tmp | wc -l)
                          if touch "$LAMBDA_TASK_ROOT/probe" 2>/dev/null; then task_root=writable; else task_root=read-only; fi
                          if touch /tmp/probe 2>/dev/null; then tmp=writable; else tmp=read-only; fi
                          echo "{\\"uid\\":$(id -u),\\"taskRoot\\":\\"$task_root\\",\\"tmp\\":\\"$tmp\\",\\"tmpEntries\\":$tmp_entries}"
                        fi
                        """);

        ContractReport report = ContainerContract.verify(project.directory(), "sandboxed",
                options(Duration.ofSeconds(30), place.base()));

        String output = Files.readString(temp.resolve("reports/sandboxed/Dockerfile.x86_64.log"));
        assertTrue(output.contains("{\"uid\":993,\"taskRoot\":\"read-only\",\"tmp\":\"writable\",\"tmpEntries\":0}"),
                "as Lambda's sbx_user1051, with only /tmp writable, and /tmp empty at start:\n" + output);
        assertTrue(report.dockerfiles().getFirst().sandbox().contains("512 MB memory cgroup"),
                report.dockerfiles().getFirst().sandbox());
    }

    @Test
    void failingBuildStepFailsNamingLineAndOutput() {
        FixtureProject project = fixture().withTrainedEntrypoint()
                .replace("src/main/docker/entrypoint.sh", "fixture.app.Training", "fixture.app.NoSuchTraining");

        assertMentions(failure(project), "Dockerfile.x86_64:9: RUN [/bin/sh, /var/task/entrypoint.sh, --train] exited "
                + "with 1, so docker build would fail", "ClassNotFoundException: fixture.app.NoSuchTraining");
    }

    @Test
    void buildStepOrEntryPointRunningAProgramTheDockerfileDidNotCopyIsRefused() {
        FixtureProject run = fixture().replace("Dockerfile.x86_64", "CMD [", "RUN [\"/usr/bin/yum\", \"install\", \"git\"]\nCMD [");
        assertMentions(failure(run), "Dockerfile.x86_64:8: RUN runs /usr/bin/yum, which no COPY of the Dockerfile puts "
                + "into the image");

        FixtureProject entrypoint = FixtureProject.create(temp.resolve("entrypoint"), JAVA)
                .replace("Dockerfile.x86_64", "CMD [", "ENTRYPOINT [\"/bin/sh\", \"/var/task/missing.sh\"]\nCMD [");
        assertMentions(failure(entrypoint), "Dockerfile.x86_64:8: ENTRYPOINT runs /var/task/missing.sh, which no COPY");
    }

    @Test
    void snapStartFunctionIsRestoredButItsUnprimedHandlerFails() {
        FixtureProject project = fixture().replace("template.yaml", "    MemorySize: 512\n",
                "    MemorySize: 512\n    AutoPublishAlias: live\n    SnapStart:\n      ApplyOn: PublishedVersions\n");

        // The runtime client went through beforeCheckpoint and /restore/next (else the first check
        // would name that); the fixture registers no priming hook.
        assertMentions(failure(project), "template.yaml function FixtureFunction enables SnapStart, but nothing primed "
                + "the handler before the snapshot (no `SnapStart priming:` in its output)");
    }

    @Test
    void functionOnManagedInstancesAnswersOverlappingInvocationsEachWithItsOwnValues() throws IOException {
        FixtureProject project = fixture().withManagedInstances();

        ContractReport report = ContainerContract.verify(project.directory(), "concurrent", options(Duration.ofSeconds(30)));

        assertEquals(1, report.concurrency().size(), "the x86_64 image's function (arm64 has no JVM here)");
        ConcurrencyCheck.Figures figures = report.concurrency().getFirst();
        assertAll(() -> assertEquals("Dockerfile.x86_64", figures.dockerfile()),
                () -> assertEquals(FixtureProject.MAX_CONCURRENCY, figures.maxConcurrency()),
                () -> assertTrue(figures.inFlightBeforeFirstAnswer() >= FixtureProject.MAX_CONCURRENCY,
                        "in flight before the first answer: " + figures.inFlightBeforeFirstAnswer()),
                () -> assertEquals(4 * FixtureProject.MAX_CONCURRENCY, figures.invocations()),
                () -> assertEquals(figures.invocations(), figures.logLinesChecked(), "one log line per invocation"),
                () -> assertTrue(figures.invocationsPerSecond() > 0),
                () -> assertEquals(List.of("concurrent POST /orders: the project has no events/orders-create.json and "
                        + "orders-list.json (no database)"), figures.notChecked()));
        assertEquals(List.of(), report.concurrencyNotChecked());
        assertTrue(Files.readString(temp.resolve("reports/concurrent/Dockerfile.x86_64-concurrency.log"))
                .contains("Starting 16 concurrent function handler threads."), "the runtime client polled from 16 threads");
    }

    @Test
    void queueWorkerOnManagedInstancesTakesConcurrentBatchesEachMessageLoggedUnderItsOwnInvocation() {
        FixtureProject project = fixture().withSqsWorker().withManagedInstances();

        ContractReport report = ContainerContract.verify(project.directory(), "worker", options(Duration.ofSeconds(30)));

        assertEquals(List.of("Dockerfile.x86_64", "Dockerfile.x86_64-WorkerFunction"),
                report.concurrency().stream().map(ConcurrencyCheck.Figures::dockerfile).toList());
        ConcurrencyCheck.Figures worker = report.concurrency().getLast();
        assertAll(() -> assertEquals(4 * FixtureProject.MAX_CONCURRENCY, worker.invocations()),
                () -> assertTrue(worker.inFlightBeforeFirstAnswer() >= FixtureProject.MAX_CONCURRENCY),
                () -> assertEquals(worker.invocations(), worker.logLinesChecked(), "one message per batch, one line each"));
    }

    @Test
    void handlerKeepingTheRequestInAStaticFieldFailsTheConcurrencyCheckNamingTheMixedUpAnswersAndLogLines() {
        FixtureProject project = fixture().withManagedInstances()
                .replace("Dockerfile.x86_64", FixtureProject.HANDLER, FixtureProject.UNSAFE_HANDLER);

        AssertionError failure = failure(project);

        // One at a time it meets the contract; 16 at once, answers and log lines carry others' values
        // (which invocation gets whose depends on the threads' timing).
        assertMentions(failure, "Dockerfile.x86_64 (handler " + FixtureProject.UNSAFE_HANDLER + ", AWS_LAMBDA_MAX_CONCURRENCY=16) "
                        + "broke the concurrency contract", "batch 1 of 4, GET /hello?name=AdaB1N",
                " with X-Correlation-Id concurrency-b1-i", ": body.message is \"hello, AdaB1N", "expected \"hello, AdaB1N",
                "(another invocation's)");
    }

    @Test
    void runtimeClientServingOneInvocationAtATimeFailsTheConcurrencyCheck() {
        FixtureProject project = fixture().withTrainedEntrypoint().withManagedInstances()
                .replace("src/main/docker/entrypoint.sh", "set -eu\n", "set -eu\nunset AWS_LAMBDA_MAX_CONCURRENCY\n");

        assertMentions(failure(project), "batch 1 of 4: only 1 of its 16 invocations were in flight before its first answer "
                + "(1 taken by waiting pollers within 10 s): the runtime client did not serve 16 invocations at once");
    }

    @Test
    void maxConcurrencyUnderSixteenIsRefused() {
        FixtureProject project = fixture().withManagedInstances().replace("template.yaml",
                "PerExecutionEnvironmentMaxConcurrency: 16", "PerExecutionEnvironmentMaxConcurrency: 4");

        assertMentions(failure(project), "template.yaml function FixtureFunction sets CapacityProviderConfig."
                + "PerExecutionEnvironmentMaxConcurrency 4, but overlapping invocations are proven at 16 or more at once");
    }

    @Test
    void expectedJsonMustHaveAnEntryForEveryEventAndOnlyForEvents() {
        FixtureProject project = fixture()
                .write("events/delete-hello.json", "{\"httpMethod\":\"DELETE\",\"path\":\"/hello\"}")
                .replace("events/expected.json", "\"get-unknown.json\"", "\"get-unknown-route.json\"");

        assertMentions(failure(project), "entries for event files that do not exist in events/: [get-unknown-route.json]",
                "no entry for the events [delete-hello.json, get-unknown.json]");
    }

    @Test
    void invokeScriptThatDoesNotPrintTheResponseFails() {
        FixtureProject project = fixture().replace("scripts/invoke.sh", "--data-binary \"@$1\"",
                "--data-binary \"@$1\" -o /dev/null");

        assertMentions(failure(project), "`bash scripts/invoke.sh events/get-hello.json` must print the function's response");
    }

    @Test
    void serverPortThatIsNotTheExposedPortFails() {
        FixtureProject project = fixture().replace("Dockerfile.server", "ENV PORT=8080", "ENV PORT=8081");

        assertMentions(failure(project), "Dockerfile.server sets ENV PORT=8081 but EXPOSEs [8080]");
    }
}
