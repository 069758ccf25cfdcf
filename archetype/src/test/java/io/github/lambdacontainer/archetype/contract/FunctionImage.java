package io.github.lambdacontainer.archetype.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.expectation.ApiGatewayResponseExpectation;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.expectation.JsonLogLines;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.project.SamTemplate;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.ClassLoadLog;
import io.github.lambdacontainer.archetype.contract.runtime.FunctionLaunch;
import io.github.lambdacontainer.archetype.contract.runtime.HeapSettings;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A generated project's deployed Lambda image (the Dockerfile template.yaml deploys), laid out as
 * the container contract lays it out, for checks that drive the function themselves: run a Java
 * main class inside the image, as a deploy step would ({@code docker run --entrypoint java}),
 * and start the function under the real runtime interface client with extra environment, then
 * send it events one at a time ({@link Function}).
 */
public final class FunctionImage implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GeneratedProject project;
    private final StaticContract.LambdaImage image;
    private final StaticContract.ServerImage serverImage;
    private final JavaRuntime java;
    private final Path workDirectory;
    private final Path logDirectory;

    private FunctionImage(GeneratedProject project, StaticContract.LambdaImage image,
            StaticContract.ServerImage serverImage, Path workDirectory, Path logDirectory) {
        this.project = project;
        this.image = image;
        this.serverImage = serverImage;
        this.java = image.jvm().runtime().orElseThrow();
        this.workDirectory = workDirectory;
        this.logDirectory = logDirectory;
    }

    /**
     * Lays the image of the function serving API Gateway out in a temporary directory; processes'
     * output goes to {@code logDirectory}.
     */
    public static FunctionImage layOut(Path generatedProjectDirectory, Path logDirectory) {
        return layOut(generatedProjectDirectory, logDirectory, Expectation.Source.API_GATEWAY);
    }

    /** Lays out the image of the function that {@code serves} (API Gateway, or the SQS worker). */
    public static FunctionImage layOut(Path generatedProjectDirectory, Path logDirectory, Expectation.Source serves) {
        GeneratedProject project = GeneratedProject.load(generatedProjectDirectory.toAbsolutePath().normalize());
        Path workDirectory = LambdaSandbox.createWorkDirectory("function-image");
        StaticContract.Images images = StaticContract.check(project, workDirectory);
        Optional<String> deployed = project.template().imageFunctions().stream()
                .flatMap(function -> function.dockerfile().stream()).findFirst();
        // The deployed image where this machine runs it natively, else the other architecture's:
        // the same code, and these checks are about the function, not its CPU.
        StaticContract.LambdaImage image = images.lambdaImages().stream()
                .filter(candidate -> candidate.serves() == serves)
                .filter(candidate -> candidate.jvm().runtime().filter(jvm -> jvm.emulator().isEmpty()).isPresent())
                .min(Comparator.comparing(candidate -> !deployed.map(candidate.dockerfile().fileName()::equals).orElse(true)))
                .orElseThrow(() -> new AssertionError("no Lambda image of " + generatedProjectDirectory
                        + " serving " + serves + " that this machine runs natively"));
        return new FunctionImage(project, image, images.serverImage(), workDirectory, logDirectory.toAbsolutePath());
    }

    /**
     * Starts the same project's Dockerfile.server, laid out with this image (so without laying
     * out again), on a free PORT; fails when the project has none or it does not listen within
     * {@code timeout}. Closing this image removes its layout: close the server first.
     */
    public ServerContainer startServer(Duration timeout) {
        if (serverImage == null) {
            throw new AssertionError(project.directory() + " has no Dockerfile.server");
        }
        return ServerContainer.start(project, serverImage, logDirectory, timeout);
    }

    /**
     * A directory of this image's work directory that its function may write into, for files it
     * must reach (a wrapper script): the sandbox shows it nothing else of this build.
     */
    public Path writableDirectory(String name) {
        return LambdaSandbox.writableDirectory(workDirectory.resolve(name));
    }

    /** The handler the image's function runs (CMD, or the function's ImageConfig.Command). */
    public String handler() {
        return image.handler();
    }

    /** The Dockerfile this image is built from. */
    public String dockerfile() {
        return image.dockerfile().fileName();
    }

    /**
     * The fully qualified name of the class in the image's task root (its class files, or the
     * jars in {@code lib/}) whose name ends with {@code suffix}.
     */
    public String className(String suffix) {
        Path taskRoot = image.layout().hostPath("/var/task");
        String file = suffix.replace('.', '/') + ".class";
        try (Stream<Path> paths = Files.walk(taskRoot)) {
            List<String> entries = new ArrayList<>();
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                if (path.toString().endsWith(".jar")) {
                    try (JarFile jar = new JarFile(path.toFile())) {
                        jar.stream().map(JarEntry::getName).forEach(entries::add);
                    }
                } else {
                    entries.add(taskRoot.relativize(path).toString());
                }
            }
            List<String> matches = entries.stream()
                    .filter(name -> name.equals(file) || name.endsWith("/" + file))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .distinct()
                    .toList();
            if (matches.size() != 1) {
                throw new AssertionError("expected one class named *." + suffix + " in the image's /var/task but found "
                        + matches);
            }
            return matches.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code java -cp /var/task:/var/task/lib/* mainClass} in the image with exactly
     * {@code environment}, and fails with its output when it does not exit 0 within {@code timeout}.
     */
    public void runJava(String mainClass, Map<String, String> environment, Duration timeout) {
        String taskRoot = image.layout().hostPath("/var/task").toString();
        List<String> command = List.of(java.javaExecutable().toString(), "-cp", taskRoot + ":" + taskRoot + "/lib/*",
                mainClass);
        Map<String, String> fullEnvironment = new LinkedHashMap<>(environment);
        fullEnvironment.put("PATH", java.home().resolve("bin") + ":/usr/local/bin:/usr/bin/:/bin");
        String logName = mainClass.substring(mainClass.lastIndexOf('.') + 1) + ".log";
        LambdaSandbox.ImageProcess inImage = LambdaSandbox.asRoot(new LambdaSandbox.ImageProcess(command, fullEnvironment,
                Path.of(taskRoot), workDirectory));
        try (ChildProcess process = ChildProcess.start(inImage.command(), inImage.environment(), inImage.workingDirectory(),
                logDirectory.resolve(logName))) {
            if (!process.waitFor(timeout)) {
                throw new AssertionError(mainClass + " did not end within " + timeout.toSeconds() + " s\n"
                        + process.outputTail());
            }
            process.awaitQuietOutput();
            int exit = process.process().exitValue();
            if (exit != 0) {
                throw new AssertionError(mainClass + " exited with " + exit + "\n" + process.outputTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + mainClass, e);
        }
    }

    /**
     * Starts the function as Lambda would (the image's ENV, Lambda's variables, then
     * {@code extraEnvironment}, which wins; a JAVA_TOOL_OPTIONS there comes before the verifier's
     * own), waiting for nothing: the first {@link Function#invoke} includes the cold start.
     */
    public Function start(Map<String, String> extraEnvironment, String logName) {
        return start(FunctionLaunch.Settings.CONTRACT.withEnvironment(extraEnvironment), logName);
    }

    /** Starts the function as {@link #start(Map, String)} does, with these settings. */
    public Function start(FunctionLaunch.Settings settings, String logName) {
        SamTemplate.ImageFunction function = image.function();
        RuntimeApiServer runtimeApi = RuntimeApiServer.start(
                "arn:aws:lambda:us-east-1:123456789012:function:" + function.logicalId(),
                Duration.ofSeconds(function.timeoutSeconds()));
        FunctionLaunch launch = null;
        try {
            launch = FunctionLaunch.of(image, java, runtimeApi.runtimeApiAddress(),
                    workDirectory.resolve("run-" + logName), settings);
            ChildProcess runtime = ChildProcess.start(launch.command(), launch.environment(), launch.workingDirectory(),
                    logDirectory.resolve(logName));
            runtimeApi.watchRuntime(runtime::isAlive, Duration.ofSeconds(60));
            return new Function(project, image, runtimeApi, launch, runtime, !java.isExactMatch());
        } catch (RuntimeException | AssertionError e) {
            if (launch != null) {
                launch.close();
            }
            runtimeApi.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(workDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a check for
        }
    }

    /** A running function: the runtime interface client's JVM and the Runtime API it polls. */
    public static final class Function implements AutoCloseable {

        private final GeneratedProject project;
        private final StaticContract.LambdaImage image;
        private final RuntimeApiServer runtimeApi;
        private final FunctionLaunch launch;
        private final ChildProcess runtime;
        private final boolean standInJvm;

        private Function(GeneratedProject project, StaticContract.LambdaImage image, RuntimeApiServer runtimeApi,
                FunctionLaunch launch, ChildProcess runtime, boolean standInJvm) {
            this.project = project;
            this.image = image;
            this.runtimeApi = runtimeApi;
            this.launch = launch;
            this.runtime = runtime;
            this.standInJvm = standInJvm;
        }

        /**
         * Sends {@code events/<eventName>} and returns the function's answer; fails, with the
         * end of the function's output, when it reports an error instead, or does not answer within
         * {@code timeout}.
         */
        public Reply invoke(String eventName, Duration timeout) {
            if (!project.events().containsKey(eventName)) {
                throw new AssertionError("the project has no events/" + eventName);
            }
            long started = System.nanoTime();
            RuntimeApiServer.Answer answer = runtimeApi.invoke(project.eventBytes(eventName), timeout);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (answer instanceof RuntimeApiServer.Answer.Response response) {
                try {
                    return new Reply(eventName, JSON.readTree(response.body()), took);
                } catch (JsonProcessingException e) {
                    throw new AssertionError("event " + eventName + ": the function answered with something that is "
                            + "not JSON: " + response.body());
                }
            }
            runtime.awaitQuietOutput();
            throw new AssertionError("event " + eventName + ": the function did not answer: " + answer + "\n"
                    + runtime.outputTail());
        }

        /** Sends {@code event} as it is, however malformed, and returns whatever came back. */
        public RuntimeApiServer.Answer invoke(byte[] event, Duration timeout) {
            return runtimeApi.invoke(event, timeout);
        }

        /** Where the emulator takes invocations, as {@code docker run -p 9000:8080} publishes it. */
        public URI emulatorUri() {
            return runtimeApi.rieInvokeUri();
        }

        public boolean isAlive() {
            return runtime.isAlive();
        }

        /** Where the base image's emulator takes invocations (what {@code docker run -p 9000:8080} publishes). */
        public URI rieInvokeUri() {
            return runtimeApi.rieInvokeUri();
        }

        /** The function's JVM's peak resident set size in KB (VmHWM), while it runs; -1 where unavailable. */
        public long peakRssKb() {
            return runtime.jvmStatus("VmHWM").orElse(-1);
        }

        /** The function's JVM's live thread count (Threads in /proc/&lt;pid&gt;/status); -1 where unavailable. */
        public long threadCount() {
            return runtime.jvmStatus("Threads").orElse(-1);
        }

        /** The classes its JVM has loaded so far, and from where (its class-loading log). */
        public ClassLoadLog classLoading() {
            return ClassLoadLog.read(launch.classLoadLog());
        }

        /** The last lines the function printed, for failure messages. */
        public String outputTail() {
            runtime.awaitQuietOutput();
            return runtime.outputTail();
        }

        /** Every line the function has written to stdout and stderr so far. */
        public List<String> output() {
            runtime.awaitQuietOutput();
            try {
                return Files.readAllLines(runtime.logFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Why its output so far is not one JSON object per line (the LoggingConfig JSON promise), if it is not. */
        public Optional<String> outputNotJson() {
            return JsonLogLines.problem(output(), launch.pickedUpLine(), standInJvm);
        }

        /**
         * Why the JVM did not start from the image's class-data archive (its handler class not
         * mapped from it), if it did not; empty for an image that trains none.
         */
        public Optional<String> archiveUnused() {
            return LambdaFunctionRun.archiveUnused(image.dockerfile(), image.handler(), ClassLoadLog.read(launch.classLoadLog()));
        }

        /** The memory, collector and heap the function's JVM started with. */
        public Optional<HeapSettings> heap() {
            return HeapSettings.read(launch.heapLog());
        }

        /** Whether the function's JVM runs in a memory cgroup of the function's memory. */
        public boolean hasMemoryEnvelope() {
            return launch.hasMemoryEnvelope();
        }

        /** How the function is isolated as Lambda isolates it, or why it is not. */
        public String sandbox() {
            return launch.sandbox();
        }

        @Override
        public void close() {
            try {
                runtime.close();
            } finally {
                launch.close();
                runtimeApi.close();
            }
        }
    }

    /** The API Gateway response the function answered an event with, and how long it took. */
    public record Reply(String eventName, JsonNode response, Duration took) {

        public int statusCode() {
            return response.path("statusCode").asInt();
        }

        /** A response header, any case, from {@code headers} or {@code multiValueHeaders}; null if absent. */
        public String header(String name) {
            List<String> values = ApiGatewayResponseExpectation.headerValues(response, name);
            return values.isEmpty() ? null : values.getFirst();
        }

        /** The response body as text, base64-decoded when {@code isBase64Encoded}. */
        public String body() {
            String body = response.path("body").asText();
            return response.path("isBase64Encoded").asBoolean(false)
                    ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                    : body;
        }

        /** The response body parsed as JSON; fails when it is not JSON. */
        public JsonNode bodyJson() {
            try {
                return JSON.readTree(body());
            } catch (JsonProcessingException e) {
                throw new AssertionError(eventName + ": the response body is not JSON: " + body());
            }
        }

        @Override
        public String toString() {
            String body = body();
            return eventName + " -> " + statusCode() + " in " + took.toMillis() + " ms: "
                    + (body.length() <= 200 ? body : body.substring(0, 200) + "...");
        }
    }
}
