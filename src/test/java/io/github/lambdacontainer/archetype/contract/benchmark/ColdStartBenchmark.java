package io.github.lambdacontainer.archetype.contract.benchmark;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.FunctionLaunch;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeApiServer;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeInterfaceClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Cold start, memory and warm latency of each benchmarked variant's Lambda image, measured the way
 * the container contract runs it (image layout, real runtime interface client, the base image's
 * JVM flags), next to the floor: a trivial handler under the same client, JDK and flags, measured
 * in the same run, because absolute times on a shared machine drift. Run by the {@code benchmark}
 * profile ({@code mvn -B verify -Pbenchmark}); prints a table and writes docs/performance.md. It
 * never fails on a timing.
 */
class ColdStartBenchmark {

    private static final Path PROJECTS = Path.of(System.getProperty("benchmark.projects", "target/test-classes/benchmark-projects"));
    private static final Path REPORT = Path.of(System.getProperty("benchmark.report", "docs/performance.md"));
    private static final int COLD_RUNS = Integer.getInteger("benchmark.coldRuns", 5);
    private static final int WARM_INVOCATIONS = Integer.getInteger("benchmark.warmInvocations", 2000);
    /** The architecture whose image is run: the one this machine can execute. */
    private static final String ARCHITECTURE = "x86_64";
    private static final String COLD_EVENT = "get-hello-with-name.json";
    private static final String DATABASE_EVENT = "orders-list.json";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One variant's numbers: medians over the cold runs, percentiles over the warm invocations. */
    record Result(String name, String java, List<Long> coldMs, long firstDatabaseRequestMs, List<Long> peakRssKb,
            long taskRootBytes, double warmP50Ms, double warmP99Ms) {

        long coldMedianMs() {
            return median(coldMs);
        }

        long peakRssMedianKb() {
            return median(peakRssKb);
        }
    }

    @Test
    void measureEveryVariantAgainstTheFloor() throws IOException {
        List<Path> projects = projects();
        assertFalse(projects.isEmpty(), "no benchmark project under " + PROJECTS.toAbsolutePath());
        Path work = LambdaSandbox.createWorkDirectory("cold-start-benchmark");
        try {
            Path floorProject = FloorProject.create(work.resolve("floor"), 25);
            List<Result> floors = new ArrayList<>();
            floors.addAll(measure("floor", floorProject, work.resolve("floor-run-1")));
            List<Result> results = new ArrayList<>();
            for (Path project : projects) {
                String name = project.getParent().getParent().getFileName().toString();
                results.addAll(measure(name, project, work.resolve(name)));
            }
            // Once more at the end: the floor is the median of both, so drift over the run evens out.
            floors.addAll(measure("floor", floorProject, work.resolve("floor-run-2")));
            Result floor = combine(floors);
            String table = table(floor, results);
            System.out.println(table);
            // ConcurrencyBenchmark's section, which this report does not write, stays.
            String concurrency = PerformanceReport.section(REPORT, ConcurrencyBenchmark.HEADING);
            Files.writeString(REPORT, report(table) + (concurrency.isEmpty() ? "" : "\n" + concurrency));
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * The variant's image as built and, where its Dockerfile has its own entry point (which starts
     * the function from the class-data archive the build trained), the same image started by the
     * base image's bootstrap instead: what the archive and entry point save.
     */
    private static List<Result> measure(String name, Path projectDirectory, Path work) {
        GeneratedProject project = GeneratedProject.load(projectDirectory);
        StaticContract.LambdaImage image = StaticContract.check(project, work).lambdaImages().stream()
                .filter(candidate -> candidate.dockerfile().fileName().equals("Dockerfile." + ARCHITECTURE))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no Dockerfile." + ARCHITECTURE));
        List<Result> results = new ArrayList<>();
        results.add(measure(name, project, image, work.resolve("as-built"), false));
        if (!image.dockerfile().entrypoint().isEmpty()) {
            results.add(measure(name + " (base image start)", project, image, work.resolve("base-image-start"), true));
        }
        return results;
    }

    private static Result measure(String name, GeneratedProject project, StaticContract.LambdaImage image, Path work,
            boolean baseImageBootstrap) {
        JavaRuntime java = JavaRuntime.forVersion(project.javaVersion());
        List<Long> coldMs = new ArrayList<>();
        List<Long> peakRssKb = new ArrayList<>();
        List<Long> databaseMs = new ArrayList<>();
        double[] warm = {0, 0};
        for (int run = 1; run <= COLD_RUNS; run++) {
            boolean measureWarm = run == COLD_RUNS;
            Path runDirectory = work.resolve("run-" + run);
            try (RuntimeApiServer runtimeApi = RuntimeApiServer.start("arn:aws:lambda:us-east-1:123456789012:function:"
                    + image.function().logicalId(), Duration.ofSeconds(image.function().timeoutSeconds()))) {
                try (FunctionLaunch launch = baseImageBootstrap
                                ? FunctionLaunch.baseImageBootstrap(image, java, runtimeApi.runtimeApiAddress(), runDirectory)
                                : FunctionLaunch.of(image, java, runtimeApi.runtimeApiAddress(), runDirectory,
                                        FunctionLaunch.Settings.BENCHMARK);
                        ChildProcess runtime = ChildProcess.start(launch.command(), launch.environment(),
                                launch.workingDirectory(), runDirectory.resolve("function.log"))) {
                    runtimeApi.watchRuntime(runtime::isAlive, TIMEOUT);
                    answered(name, COLD_EVENT, runtimeApi.invoke(project.eventBytes(COLD_EVENT), TIMEOUT), runtime);
                    coldMs.add(Duration.ofNanos(runtimeApi.firstAnswerNanos() - runtime.launchNanos()).toMillis());
                    if (project.events().containsKey(DATABASE_EVENT)) {
                        long started = System.nanoTime();
                        answered(name, DATABASE_EVENT, runtimeApi.invoke(project.eventBytes(DATABASE_EVENT), TIMEOUT), runtime);
                        databaseMs.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                    }
                    peakRssKb.add(runtime.peakRssKb().orElse(-1));
                    if (measureWarm) {
                        warm = warmLatencyMs(name, project, runtimeApi, runtime);
                    }
                }
            }
        }
        return new Result(name, java.version(), coldMs, databaseMs.isEmpty() ? -1 : median(databaseMs), peakRssKb,
                size(image.layout().hostPath("/var/task")), warm[0], warm[1]);
    }

    /** p50 and p99 of {@link #WARM_INVOCATIONS} invocations, after as many again to warm up. */
    private static double[] warmLatencyMs(String name, GeneratedProject project, RuntimeApiServer runtimeApi,
            ChildProcess runtime) {
        byte[] event = project.eventBytes(COLD_EVENT);
        long[] nanos = new long[WARM_INVOCATIONS];
        for (int i = -WARM_INVOCATIONS; i < WARM_INVOCATIONS; i++) {
            long started = System.nanoTime();
            answered(name, COLD_EVENT, runtimeApi.invoke(event, TIMEOUT), runtime);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - started;
            }
        }
        java.util.Arrays.sort(nanos);
        return new double[] {nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6};
    }

    private static void answered(String name, String event, RuntimeApiServer.Answer answer, ChildProcess runtime) {
        if (!(answer instanceof RuntimeApiServer.Answer.Response)) {
            throw new AssertionError(name + " did not answer " + event + ": " + answer + "\n" + runtime.outputTail());
        }
    }

    private static Result combine(List<Result> floors) {
        List<Long> cold = floors.stream().flatMap(f -> f.coldMs().stream()).toList();
        List<Long> rss = floors.stream().flatMap(f -> f.peakRssKb().stream()).toList();
        return new Result("floor", floors.getFirst().java(), cold, -1, rss, floors.getFirst().taskRootBytes(),
                floors.stream().mapToDouble(Result::warmP50Ms).average().orElse(0),
                floors.stream().mapToDouble(Result::warmP99Ms).average().orElse(0));
    }

    private static String table(Result floor, List<Result> results) {
        StringBuilder table = new StringBuilder();
        table.append("| variant | JVM | cold start ms: median (min-max) | x floor | first DB request ms | peak RSS MB | x floor "
                + "| /var/task MB | warm p50 ms | x floor | warm p99 ms |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result result : Stream.concat(Stream.of(floor), results.stream()).toList()) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %d (%d-%d) | %.2f | %s | %.0f | %.2f | %.1f | %.3f | %.2f | %.3f |%n",
                    result.name(), result.java(), result.coldMedianMs(), min(result.coldMs()), max(result.coldMs()),
                    (double) result.coldMedianMs() / floor.coldMedianMs(),
                    result.firstDatabaseRequestMs() < 0 ? "-" : Long.toString(result.firstDatabaseRequestMs()),
                    result.peakRssMedianKb() / 1024.0, (double) result.peakRssMedianKb() / floor.peakRssMedianKb(),
                    result.taskRootBytes() / 1048576.0, result.warmP50Ms(), result.warmP50Ms() / floor.warmP50Ms(),
                    result.warmP99Ms()));
        }
        return table.toString();
    }

    private static String report(String table) {
        return """
                # Performance

                Measured by `mvn -B verify -Pbenchmark` (JDK 25) on %s: %d CPU cores. Each variant is generated
                (src/test/resources/benchmark-projects), packaged, laid out as its `Dockerfile.x86_64` image
                would be (including its `RUN` step, which trains the class-data archive: an AOT cache on
                Java 25, a CDS archive on 21), and started twice over:

                - **as built**: by the image's own entry point (`src/main/docker/entrypoint.sh`): the real AWS
                  Lambda runtime interface client with the function's jars on the class path, starting from
                  the archive, with the JVM flags of the AWS Java base images (serial GC, C1 only, heap at
                  85%% of the function's 1024 MB).
                - **(base image start)**: the same files started as the base image's own bootstrap would
                  (`RuntimeInterfaceClient.jvmFlags`: the client loads the function through its own class
                  loader, with only the JDK's CDS archive), i.e. without what the entry point adds.

                - **cold start**: from launching the JVM to the answer to `GET /hello?name=Ada`, over %d fresh
                  JVMs per variant (median, min-max).
                - **first DB request**: the first `GET /orders` right after, on the embedded H2 database.
                - **peak RSS**: the process's high-water mark (VmHWM) after those requests, median.
                - **warm**: %d invocations of the same event after %d warm-up ones, timed from queuing the
                  event at the local Runtime API to receiving the answer (so including that round trip).
                - **floor**: a handler that returns a fixed answer, started as the base image starts it (same
                  client, JDK and flags), measured at the start and the end of the run. Ratios to it are what to compare across
                  machines; absolute times on a shared 2-core machine drift.

                Java 21 variants are compiled for Java 21 but run on the JDK 25 here (no JDK 21 is installed);
                the JVM column says what ran.

                %s""".formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(), COLD_RUNS,
                WARM_INVOCATIONS, WARM_INVOCATIONS, table);
    }

    private static List<Path> projects() throws IOException {
        if (!Files.isDirectory(PROJECTS)) {
            return List.of();
        }
        List<Path> projects = new ArrayList<>();
        try (Stream<Path> variants = Files.list(PROJECTS)) {
            for (Path variant : variants.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> generated = Files.list(variant.resolve("project"))) {
                    generated.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).forEach(projects::add);
                }
            }
        }
        return projects;
    }

    private static long size(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long min(List<Long> values) {
        return values.stream().min(Comparator.naturalOrder()).orElse(-1L);
    }

    private static long max(List<Long> values) {
        return values.stream().max(Comparator.naturalOrder()).orElse(-1L);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The floor: a project whose handler answers every event with the same fixed response. */
    static final class FloorProject {

        private static final String HANDLER = """
                package floor;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
                import java.io.IOException;
                import java.io.InputStream;
                import java.io.OutputStream;
                import java.nio.charset.StandardCharsets;

                public class FloorHandler implements RequestStreamHandler {
                    private static final byte[] ANSWER = ("{\\"statusCode\\":200,\\"headers\\":{\\"Content-Type\\":"
                            + "\\"application/json\\"},\\"body\\":\\"{\\\\\\"message\\\\\\":\\\\\\"hello, Ada!\\\\\\"}\\"}")
                            .getBytes(StandardCharsets.UTF_8);

                    @Override
                    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
                        input.readAllBytes();
                        output.write(ANSWER);
                    }
                }
                """;

        static Path create(Path directory, int javaVersion) throws IOException {
            Path sources = directory.resolve("src/floor");
            Files.createDirectories(sources);
            Files.writeString(sources.resolve("FloorHandler.java"), HANDLER);
            Path classes = directory.resolve("target/classes");
            Path lib = directory.resolve("target/lib");
            Files.createDirectories(classes);
            Files.createDirectories(lib);
            int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", Integer.toString(javaVersion),
                    "-cp", RuntimeInterfaceClient.lambdaCoreJar().toString(), "-d", classes.toString(),
                    sources.resolve("FloorHandler.java").toString());
            if (status != 0) {
                throw new AssertionError("the floor handler did not compile");
            }
            Files.copy(RuntimeInterfaceClient.lambdaCoreJar(), lib.resolve("aws-lambda-java-core.jar"));
            Files.writeString(directory.resolve("pom.xml"), """
                    <project><modelVersion>4.0.0</modelVersion><groupId>floor</groupId><artifactId>floor</artifactId>
                    <version>1</version><properties><java.version>%d</java.version></properties></project>
                    """.formatted(javaVersion));
            for (String architecture : List.of("arm64", "x86_64")) {
                Files.writeString(directory.resolve("Dockerfile." + architecture), """
                        FROM --platform=%s public.ecr.aws/lambda/java:%d
                        COPY target/classes ${LAMBDA_TASK_ROOT}
                        COPY target/lib ${LAMBDA_TASK_ROOT}/lib
                        CMD [ "floor.FloorHandler::handleRequest" ]
                        """.formatted(StaticContract.LAMBDA_PLATFORMS.get(architecture), javaVersion));
            }
            Files.writeString(directory.resolve("Dockerfile.server"), """
                    FROM eclipse-temurin:%d-jre
                    COPY target/classes /app/classes
                    EXPOSE 8080
                    ENV PORT=8080
                    CMD [ "java", "-cp", "/app/classes", "floor.FloorHandler" ]
                    """.formatted(javaVersion));
            Files.writeString(directory.resolve("template.yaml"), """
                    Transform: AWS::Serverless-2016-10-31
                    Resources:
                      FloorFunction:
                        Type: AWS::Serverless::Function
                        Properties:
                          PackageType: Image
                          Architectures: [x86_64]
                          MemorySize: 1024
                          Timeout: 30
                          LoggingConfig:
                            LogFormat: JSON
                        Metadata:
                          Dockerfile: Dockerfile.x86_64
                          DockerContext: .
                    """);
            Path events = directory.resolve("events");
            Files.createDirectories(events);
            Files.writeString(events.resolve(COLD_EVENT), """
                    {"resource": "/{proxy+}", "path": "/hello", "httpMethod": "GET",
                     "headers": {"Accept": "application/json"}, "queryStringParameters": {"name": "Ada"},
                     "requestContext": {"stage": "Prod", "requestId": "floor"}, "body": null, "isBase64Encoded": false}
                    """, StandardCharsets.UTF_8);
            Files.writeString(events.resolve(GeneratedProject.EXPECTED_FILE), """
                    {"%s": {"statusCode": 200, "body": {"message": "hello, Ada!"}}}
                    """.formatted(COLD_EVENT));
            return directory;
        }
    }
}
