package io.github.lambdacontainer.archetype.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.dockerfile.Dockerfile;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.project.SamTemplate;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.ClassLoadLog;
import io.github.lambdacontainer.archetype.contract.expectation.JsonLogLines;
import io.github.lambdacontainer.archetype.contract.runtime.FunctionLaunch;
import io.github.lambdacontainer.archetype.contract.runtime.HeapSettings;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeInterfaceClient;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one Lambda image: the real runtime interface client in a child JVM against a local Runtime
 * API with the function's handler, every event meant for that function sent through {@code /next},
 * each answer compared with expected.json; optionally
 * {@code scripts/invoke.sh} and {@code scripts/smoke-test.sh} against the emulator endpoint while the function is warm.
 */
final class LambdaFunctionRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the generated SnapStartPriming logs once its requests were answered. */
    static final String PRIMING_LOG = "SnapStart priming:";

    private LambdaFunctionRun() {}

    /** How much longer than on this machine's own architecture a run under user-mode emulation may take. */
    private static final int EMULATION_SLOWDOWN = 10;
    /** Where the runtime interface client unpacks its JNI library when not given one (JniHelper). */
    static final String CLIENT_UNPACKED_JNI = "/tmp/.libaws-lambda-jni.so";

    static ContractReport.DockerfileRun run(GeneratedProject project, StaticContract.LambdaImage image,
            ContainerContract.Options options, Path workDirectory, Path logDirectory, boolean alsoRunInvokeScript,
            boolean alsoRunSmokeScript, List<SmokeScriptCheck.Run> smokeScripts) {
        Dockerfile dockerfile = image.dockerfile();
        SamTemplate.ImageFunction function = image.function();
        JavaRuntime java = image.jvm().runtime().orElseThrow(() -> new IllegalArgumentException(
                image.runName() + " has no JVM here: " + image.jvm().whyNone()));
        int slowdown = java.emulator().isPresent() ? EMULATION_SLOWDOWN : 1;
        Duration coldAnswerTimeout = options.coldAnswerTimeout().multipliedBy(slowdown);
        Duration warmAnswerTimeout = options.warmAnswerTimeout().multipliedBy(slowdown);
        Path runDirectory = workDirectory.resolve(image.runName());
        Path outputLog = logDirectory.resolve(image.runName() + ".log");
        String arn = "arn:aws:lambda:us-east-1:123456789012:function:" + function.logicalId();
        String description = dockerfile.fileName() + " (handler " + image.handler() + ", " + java.describe() + ")";

        List<String> failures = new ArrayList<>();
        long msToFirstAnswer = -1;
        long peakRssKb = -1;
        int eventsChecked = 0;
        long started = System.nanoTime();
        String jniLibrary;
        int jvmLinesUnchecked;
        int jsonLinesChecked;
        ClassLoadLog classLoading;
        try (RuntimeApiServer runtimeApi = RuntimeApiServer.start(arn, Duration.ofSeconds(function.timeoutSeconds()));
                FunctionLaunch launch = FunctionLaunch.of(image, java, runtimeApi.runtimeApiAddress(), runDirectory,
                        FunctionLaunch.Settings.CONTRACT)) {
            try (ChildProcess runtime = ChildProcess.start(launch.command(), launch.environment(),
                    launch.workingDirectory(), outputLog)) {
                runtimeApi.watchRuntime(runtime::isAlive, coldAnswerTimeout);
                boolean cold = true;
                // Each event goes to the function that would get it on AWS: API Gateway events to the
                // API function, SQS batches to the one with the SQS event source.
                List<String> eventNames = project.events().keySet().stream()
                        .filter(eventName -> project.expectations().get(eventName).source() == image.serves())
                        .toList();
                for (String eventName : eventNames) {
                    Duration timeout = cold ? coldAnswerTimeout : warmAnswerTimeout;
                    RuntimeApiServer.Answer answer = runtimeApi.invoke(project.eventBytes(eventName), timeout);
                    Optional<String> failure = judge(project, eventName, answer, cold);
                    cold = false;
                    failure.ifPresentOrElse(failures::add, () -> { });
                    if (failure.isEmpty()) {
                        eventsChecked++;
                    }
                    if (answer instanceof RuntimeApiServer.Answer.NoAnswer
                            || answer instanceof RuntimeApiServer.Answer.InitError) {
                        break; // the runtime is stuck or gone; later events cannot tell anything new
                    }
                }
                if (alsoRunInvokeScript && failures.isEmpty()) {
                    InvokeScriptCheck.run(project, runtimeApi.rieInvokeUri(), coldAnswerTimeout, logDirectory)
                            .ifPresent(failures::add);
                }
                if (alsoRunSmokeScript && failures.isEmpty()) {
                    SmokeScriptCheck.Run smoke = SmokeScriptCheck.run(project.directory(), image.serves(),
                            runtimeApi.rieInvokeUri(), logDirectory.resolve(image.runName() + "-smoke-test.log"));
                    smokeScripts.add(smoke);
                    smoke.problem().ifPresent(failures::add);
                }
                if (runtimeApi.firstAnswerNanos() > 0) {
                    msToFirstAnswer = Duration.ofNanos(runtimeApi.firstAnswerNanos() - runtime.launchNanos()).toMillis();
                }
                peakRssKb = runtime.peakRssKb().orElse(-1);
                jniLibrary = runtime.mappedFile(JNI_LIBRARY_NAME).orElse("");
                classLoading = ClassLoadLog.read(launch.classLoadLog());
                if (failures.isEmpty()) {
                    archiveUnused(dockerfile, image.handler(), classLoading).ifPresent(failures::add);
                    jniUnpacked(dockerfile, jniLibrary, launch.workDirectoryAsSeen()).ifPresent(failures::add);
                    heapProblem(image, launch).ifPresent(failures::add);
                }
                runtime.awaitQuietOutput();
                if (failures.isEmpty() && function.snapStart()) {
                    snapStartProblem(image, runtimeApi.restoreRequestedNanos() > 0, readOutput(outputLog))
                            .ifPresent(failures::add);
                }
                List<String> output = readOutput(outputLog).lines().toList();
                jvmLinesUnchecked = java.isExactMatch() ? 0 : JsonLogLines.jvmLines(output);
                jsonLinesChecked = 0;
                if (failures.isEmpty() && function.logFormat().filter("JSON"::equals).isPresent()) {
                    JsonLogLines.problem(output, launch.pickedUpLine(), !java.isExactMatch()).ifPresent(failures::add);
                    jsonLinesChecked = output.size() - jvmLinesUnchecked;
                }
                if (!failures.isEmpty()) {
                    runtime.close(); // so the output tail is complete
                    throw new AssertionError(description + " broke the container contract:\n  - "
                            + String.join("\n  - ", failures) + "\n" + runtime.outputTail());
                }
            }
            return new ContractReport.DockerfileRun(dockerfile.fileName(), "lambda", image.handler(),
                    java.javaExecutable().toString(), java.version(), java.architecture(), launch.jvmOptions(),
                    launch.memoryMb(), launch.sandbox(), jniLibrary, msToFirstAnswer, peakRssKb, eventsChecked,
                    classLoading.classesLoaded(), classLoading.classesFromArchive(), classLoading.classesFromJars(),
                    classLoading.fromJars(CLIENT_PACKAGE).size(), jsonLinesChecked, jvmLinesUnchecked,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /** The runtime interface client's JNI library, whatever directory it was loaded from. */
    private static final String JNI_LIBRARY_NAME = "libaws-lambda-jni";

    /**
     * An image with its own entry point must hand the runtime client its JNI library, as the base
     * image's bootstrap does, rather than let it unpack the library into /tmp at every cold start.
     */
    static Optional<String> jniUnpacked(Dockerfile dockerfile, String loadedFrom, String workDirectory) {
        if (dockerfile.entrypoint().isEmpty()) {
            return Optional.empty(); // the verifier starts such an image with a library it unpacked itself
        }
        if (loadedFrom.isEmpty()) {
            return Optional.of("the runtime interface client's JNI library (" + JNI_LIBRARY_NAME + ") is not among the "
                    + "files the function's process has mapped, so where it came from cannot be checked");
        }
        if (loadedFrom.equals(CLIENT_UNPACKED_JNI) || loadedFrom.startsWith("/tmp/") && !loadedFrom.startsWith(workDirectory + "/")) {
            return Optional.of("the runtime interface client unpacked its JNI library to " + loadedFrom + " at this cold "
                    + "start: the entry point must pass -D" + RuntimeInterfaceClient.JNI_PROPERTY + "=<a library the "
                    + "image build laid out>, as the base image's bootstrap does");
        }
        return Optional.empty();
    }

    /**
     * The JVM's heap as the function's memory makes it, in the envelope Lambda gives: inside the
     * sandbox the JVM must see the function's MemorySize as its memory; and the image's CMD function
     * (the one its RUN trained the archive for) must run with the heap and collector of that
     * training, or the archive was made for another JVM configuration.
     */
    static Optional<String> heapProblem(StaticContract.LambdaImage image, FunctionLaunch launch) {
        Optional<HeapSettings> running = HeapSettings.read(launch.heapLog());
        if (running.isEmpty()) {
            return Optional.of("the function's JVM wrote no heap settings to " + launch.heapLog()
                    + " (-Xlog:gc=info,gc+init=info): it did not start, or not with the verifier's JAVA_TOOL_OPTIONS");
        }
        if (launch.hasMemoryEnvelope() && !running.get().memory().equals(launch.memoryMb() + "M")) {
            return Optional.of("the function's JVM saw " + running.get().memory() + " of memory, not the "
                    + launch.memoryMb() + " MB of its memory cgroup (the function's MemorySize)");
        }
        Optional<HeapSettings> trained = image.layout().buildHeap();
        boolean archiveFunction = image.runName().equals(image.dockerfile().fileName());
        if (archiveFunction && trained.isPresent() && (!trained.get().collector().equals(running.get().collector())
                || !trained.get().maxCapacity().equals(running.get().maxCapacity()))) {
            return Optional.of(image.dockerfile().where(image.dockerfile().runs().getFirst().line()) + " trained the "
                    + "class-data archive with " + trained.get().collector() + " collector and a "
                    + trained.get().maxCapacity() + " heap, but template.yaml function " + image.function().logicalId()
                    + " (MemorySize " + image.function().memoryMb() + ") runs with " + running.get().collector()
                    + " and " + running.get().maxCapacity() + ": train with the function's memory");
        }
        return Optional.empty();
    }

    /**
     * A SnapStart function (template.yaml SnapStart.ApplyOn: PublishedVersions) is initialised with
     * AWS_LAMBDA_INITIALIZATION_TYPE=snap-start: the runtime client must then run the beforeCheckpoint
     * hooks and ask for /restore/next before answering, and an API function's hooks must have primed
     * its handler ({@value #PRIMING_LOG}, logged by the generated SnapStartPriming).
     */
    static Optional<String> snapStartProblem(StaticContract.LambdaImage image, boolean restored, String output) {
        String function = "template.yaml function " + image.function().logicalId() + " enables SnapStart, but ";
        if (!restored) {
            return Optional.of(function + "the runtime interface client, started with AWS_LAMBDA_INITIALIZATION_TYPE="
                    + "snap-start, never asked for /restore/next: the snapshot would never be taken");
        }
        if (image.serves() == Expectation.Source.API_GATEWAY && !output.contains(PRIMING_LOG)) {
            return Optional.of(function + "nothing primed the handler before the snapshot (no `" + PRIMING_LOG
                    + "` in its output): the first request after every restore pays for loading the routes");
        }
        return Optional.empty();
    }

    /** The runtime interface client's own packages: AWSLambda, its Runtime API client, event loop, logging. */
    static final String CLIENT_PACKAGE = "com.amazonaws.services.lambda.runtime.api.client.";
    /** How many of the client's classes from jars a failure names. */
    private static final int CLASSES_NAMED = 8;

    /**
     * A Dockerfile that runs a build step trains a class-data archive (the only RUN the generated
     * images have); it must pay off: the function's handler class has to come out of that archive
     * when the image's own entry point starts it, or the JVM never used it; and so do the runtime
     * interface client's classes, which every cold start loads before the handler's, or the training
     * did not run what Lambda runs (the handler called directly, not through the client).
     */
    static Optional<String> archiveUnused(Dockerfile dockerfile, String handler, ClassLoadLog classLoading) {
        if (dockerfile.runs().isEmpty()) {
            return Optional.empty();
        }
        String where = dockerfile.where(dockerfile.runs().getFirst().line());
        String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        Optional<String> source = classLoading.sourceOf(handlerClass);
        if (source.isEmpty() || !ClassLoadLog.isArchive(source.get())) {
            return Optional.of(where + ": the image build trains a "
                    + "class-data archive, but the function started without it: its handler class " + handlerClass
                    + " was loaded from " + source.orElse("nowhere the JVM's class-load log names")
                    + ", not from the archive (\"shared objects file\"). The entry point must start the JVM with the "
                    + "archive (-XX:AOTCache / -XX:SharedArchiveFile) and the same class path as the training run.");
        }
        List<String> clientFromJars = classLoading.fromJars(CLIENT_PACKAGE);
        if (!clientFromJars.isEmpty()) {
            return Optional.of(where + ": the image build trains a class-data archive, but " + clientFromJars.size()
                    + " of the " + classLoading.loaded(CLIENT_PACKAGE) + " runtime interface client classes this cold "
                    + "start loaded came from jars, not the archive: "
                    + String.join(", ", clientFromJars.subList(0, Math.min(CLASSES_NAMED, clientFromJars.size())))
                    + (clientFromJars.size() > CLASSES_NAMED ? ", ..." : "")
                    + ". The training must run the handler through the runtime interface client (AWSLambda.main "
                    + "polling a local Runtime API), with the function's environment, so the archive holds what "
                    + "Lambda runs.");
        }
        return Optional.empty();
    }

    /** Why the answer to one event breaks the contract, or empty when it meets expected.json. */
    static Optional<String> judge(GeneratedProject project, String eventName, RuntimeApiServer.Answer answer,
            boolean cold) {
        Expectation expectation = project.expectations().get(eventName);
        return switch (answer) {
            case RuntimeApiServer.Answer.Response response -> {
                JsonNode parsed;
                try {
                    parsed = JSON.readTree(response.body());
                } catch (JsonProcessingException e) {
                    yield Optional.of("event " + eventName + ": the function answered with something that is not "
                            + "JSON: " + abbreviate(response.body()));
                }
                List<String> mismatches = expectation.mismatches(parsed);
                yield mismatches.isEmpty() ? Optional.empty() : Optional.of("event " + eventName + ": "
                        + String.join("; ", mismatches) + "\n      expected " + expectation.asWritten()
                        + "\n      got      " + abbreviate(response.body()));
            }
            case RuntimeApiServer.Answer.FunctionError error -> Optional.of("event " + eventName
                    + ": the function failed instead of answering; the runtime interface client posted "
                    + "/invocation/{id}/error with Lambda-Runtime-Function-Error-Type: " + error.errorType()
                    + " and " + describeErrorBody(error.body()) + "\n      expected " + expectation.asWritten());
            case RuntimeApiServer.Answer.InitError error -> Optional.of("the function failed to initialise: the "
                    + "runtime interface client posted /init/error with Lambda-Runtime-Function-Error-Type: "
                    + error.errorType() + " and " + describeErrorBody(error.body()));
            case RuntimeApiServer.Answer.NoAnswer none -> Optional.of("event " + eventName + ": " + none.reason()
                    + (cold ? " (the first event, which includes starting the JVM and the framework)" : "")
                    + "; the runtime process was killed");
        };
    }

    /** The Runtime API's error document is {"errorMessage", "errorType", "stackTrace"}. */
    private static String describeErrorBody(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.hasNonNull("errorType") && error.hasNonNull("errorMessage")) {
                return "errorType " + error.get("errorType").asText() + ", errorMessage \""
                        + error.get("errorMessage").asText() + "\"";
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        return "an error body that is not the Runtime API's {errorMessage, errorType} document: " + abbreviate(body);
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    private static String readOutput(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
