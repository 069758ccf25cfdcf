package io.github.lambdacontainer.archetype.contract.benchmark;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.lambdacontainer.archetype.RequiredChecks;
import io.github.lambdacontainer.archetype.GeneratedVariant;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.FunctionLaunch;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaCpu;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Cold start, memory and warm latency of each benchmarked variant's Lambda image, measured the way
 * the container contract runs it (image layout, real runtime interface client, inside the
 * {@link LambdaSandbox}: the function's memory as the JVM's), next to two floors measured in the
 * same run, because absolute times on a shared machine drift ({@link FloorProjects}): the stock
 * floor (a trivial handler started as the base image starts it) and the trained floor (the same
 * handler packaged and started as the generated images are). Everything is measured twice over:
 * with this host's cores, and with the CPU share Lambda gives the function's memory
 * ({@link LambdaCpu}). Run by the {@code benchmark} profile ({@code mvn -B verify -Pbenchmark});
 * prints the tables and writes their section of docs/performance.md. It never fails on a timing.
 */
class ColdStartBenchmark {

    static final String HEADING = "## Cold start, memory and warm latency";
    private static final String TARGETS_HEADING = "## Against the targets (measured)";
    private static final Path REPORT = Path.of(System.getProperty("benchmark.report", "docs/performance.md"));
    private static final int COLD_RUNS = Integer.getInteger("benchmark.coldRuns", 5);
    private static final int WARM_INVOCATIONS = Integer.getInteger("benchmark.warmInvocations", 2000);
    /** Whether to measure under Lambda's CPU share as well (twice the run's time). */
    private static final boolean CPU_SHARE = Boolean.parseBoolean(System.getProperty("benchmark.cpuShare", "true"));
    /** The architecture whose image is run: the one this machine can execute. */
    private static final String ARCHITECTURE = "x86_64";
    private static final String COLD_EVENT = "get-hello-with-name.json";
    private static final String DATABASE_EVENT = "orders-list.json";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String STOCK_FLOOR = "stock floor";
    static final String TRAINED_FLOOR = "trained floor";
    private static final Map<Path, StaticContract.LambdaImage> LAID_OUT = new HashMap<>();
    static final String UNPACKING_FLOOR = "trained floor, JNI library unpacked at start";

    /** What the function runs on: this host's cores, or Lambda's share of one for its memory. */
    enum Cpu {
        HOST_CORES, LAMBDA_SHARE;

        FunctionLaunch.Settings settings() {
            return this == LAMBDA_SHARE ? FunctionLaunch.Settings.BENCHMARK.withLambdaCpuShare() : FunctionLaunch.Settings.BENCHMARK;
        }
    }

    /** One variant's numbers: medians over the cold runs, percentiles over the warm invocations. */
    record Result(String name, String framework, String database, int release, String java, List<Long> coldMs,
            List<Long> coldCpuMs, long firstDatabaseRequestMs, List<Long> peakRssKb, long taskRootBytes, double warmP50Ms,
            double warmP99Ms, boolean asBuilt, String sandbox) {

        long coldMedianMs() {
            return median(coldMs);
        }

        long coldCpuMedianMs() {
            return median(coldCpuMs);
        }

        long peakRssMedianKb() {
            return median(peakRssKb);
        }
    }

    /** One table's rows, with the floors they are divided by. */
    record Table(Cpu cpu, Result stockFloor, Result trainedFloor, List<Result> results) {

        /** How its functions were isolated: the same for every row of a table. */
        String sandbox() {
            return trainedFloor.sandbox();
        }
    }

    @Test
    void measureEveryVariantAgainstTheFloors() throws IOException {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no benchmark project under the directory -Dcontainer-contract.projects names");
        GeneratedVariant model = variants.stream()
                .filter(variant -> variant.javaVersion().equals("25") && variant.worker().equals("none"))
                .min(Comparator.comparing(variant -> !variant.framework().equals("plain"))) // the fewest classes of its own
                .orElseThrow(() -> new AssertionError("the trained floor is packaged like a Java 25 project without a "
                        + "worker, and the benchmark projects have none"));
        Path work = LambdaSandbox.createWorkDirectory("cold-start-benchmark");
        try {
            Path event = model.project().resolve("events").resolve(COLD_EVENT);
            Path stockFloor = FloorProjects.stock(work.resolve("stock-floor"), 25, event);
            Path trainedFloor = FloorProjects.trained(work.resolve("trained-floor"), model.project(), COLD_EVENT);
            Path unpackingFloor = FloorProjects.withoutJniFlags(work.resolve("unpacking-floor"), trainedFloor);
            List<Table> tables = new ArrayList<>();
            String skipped = "";
            for (Cpu cpu : Cpu.values()) {
                if (cpu == Cpu.LAMBDA_SHARE && !CPU_SHARE) {
                    skipped = "skipped: -Dbenchmark.cpuShare=false";
                    continue;
                }
                Optional<String> noQuota = cpu == Cpu.LAMBDA_SHARE ? LambdaSandbox.cpuQuotaUnavailable() : Optional.empty();
                if (noQuota.isPresent()) {
                    skipped = RequiredChecks.skipped(RequiredChecks.SANDBOX, noQuota.get());
                    System.out.println("Lambda's CPU share " + skipped);
                    continue;
                }
                tables.add(measureAll(cpu, variants, stockFloor, trainedFloor, unpackingFloor,
                        work.resolve(cpu.name().toLowerCase(Locale.ROOT))));
            }
            String report = report(tables, skipped);
            System.out.println(report);
            PerformanceReport.writeSection(REPORT, HEADING, report);
            PerformanceReport.writeSection(REPORT, TARGETS_HEADING, BenchmarkTargets.section(TARGETS_HEADING, tables));
            System.out.println(BenchmarkTargets.section(TARGETS_HEADING, tables));
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Both floors, every variant (and on this host's cores each variant started by the base image's
     * bootstrap too), then both floors again: each floor is the median of both, so drift over the
     * run evens out.
     */
    private static Table measureAll(Cpu cpu, List<GeneratedVariant> variants, Path stockFloor, Path trainedFloor,
            Path unpackingFloor, Path work) {
        List<Result> stock = new ArrayList<>();
        List<Result> trained = new ArrayList<>();
        stock.addAll(measure(STOCK_FLOOR, "floor", "none", stockFloor, cpu, false, work.resolve("stock-floor-1")));
        trained.addAll(measure(TRAINED_FLOOR, "floor", "none", trainedFloor, cpu, false, work.resolve("trained-floor-1")));
        List<Result> results = new ArrayList<>(
                measure(UNPACKING_FLOOR, "floor", "none", unpackingFloor, cpu, false, work.resolve("unpacking-floor")));
        for (GeneratedVariant variant : variants) {
            results.addAll(measure(variant.name(), variant.framework(), variant.database(), variant.project(), cpu,
                    cpu == Cpu.HOST_CORES, work.resolve(variant.name())));
        }
        stock.addAll(measure(STOCK_FLOOR, "floor", "none", stockFloor, cpu, false, work.resolve("stock-floor-2")));
        trained.addAll(measure(TRAINED_FLOOR, "floor", "none", trainedFloor, cpu, false, work.resolve("trained-floor-2")));
        return new Table(cpu, combine(stock), combine(trained), results);
    }

    /**
     * The variant's image as built and, where asked and its Dockerfile has its own entry point
     * (which starts the function from the class-data archive the build trained), the same image
     * started by the base image's bootstrap instead: what the archive and entry point save.
     */
    private static List<Result> measure(String name, String framework, String database, Path projectDirectory, Cpu cpu,
            boolean alsoBaseImageStart, Path work) {
        GeneratedProject project = GeneratedProject.load(projectDirectory.toAbsolutePath().normalize());
        // Laid out (and its archive trained) once per project: every table runs the same image.
        StaticContract.LambdaImage image = LAID_OUT.computeIfAbsent(project.directory(), directory ->
                StaticContract.check(project, work.resolveSibling(work.getFileName() + "-image")).lambdaImages().stream()
                        .filter(candidate -> candidate.dockerfile().fileName().equals("Dockerfile." + ARCHITECTURE))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(name + " has no Dockerfile." + ARCHITECTURE)));
        // Runs go into the image's own work directory, the one the sandbox shows its function.
        Path runs = image.layout().workDirectory().resolve(work.getParent().getFileName().toString())
                .resolve(work.getFileName().toString());
        List<Result> results = new ArrayList<>();
        results.add(measure(name, framework, database, project, image, cpu, runs.resolve("as-built"), false));
        if (alsoBaseImageStart && !image.dockerfile().entrypoint().isEmpty()) {
            results.add(measure(name + " (base image start)", framework, database, project, image, cpu,
                    runs.resolve("base-image-start"), true));
        }
        return results;
    }

    private static Result measure(String name, String framework, String database, GeneratedProject project,
            StaticContract.LambdaImage image, Cpu cpu, Path work, boolean baseImageBootstrap) {
        JavaRuntime java = JavaRuntime.forVersion(project.javaVersion());
        List<Long> coldMs = new ArrayList<>();
        List<Long> coldCpuMs = new ArrayList<>();
        List<Long> peakRssKb = new ArrayList<>();
        List<Long> databaseMs = new ArrayList<>();
        double[] warm = {0, 0};
        String sandbox = "";
        for (int run = 1; run <= COLD_RUNS; run++) {
            boolean measureWarm = run == COLD_RUNS;
            Path runDirectory = work.resolve("run-" + run);
            try (RuntimeApiServer runtimeApi = RuntimeApiServer.start("arn:aws:lambda:us-east-1:123456789012:function:"
                    + image.function().logicalId(), Duration.ofSeconds(image.function().timeoutSeconds()))) {
                try (FunctionLaunch launch = baseImageBootstrap
                                ? FunctionLaunch.baseImageBootstrap(image, java, runtimeApi.runtimeApiAddress(), runDirectory,
                                        cpu.settings())
                                : FunctionLaunch.of(image, java, runtimeApi.runtimeApiAddress(), runDirectory, cpu.settings());
                        ChildProcess runtime = ChildProcess.start(launch.command(), launch.environment(),
                                launch.workingDirectory(), runDirectory.resolve("function.log"))) {
                    sandbox = launch.sandbox();
                    if (cpu == Cpu.LAMBDA_SHARE && !launch.hasCpuQuota()) {
                        throw new AssertionError(name + " was to run under Lambda's CPU share but has no quota: " + launch.sandbox());
                    }
                    runtimeApi.watchRuntime(runtime::isAlive, TIMEOUT);
                    answered(name, COLD_EVENT, runtimeApi.invoke(project.eventBytes(COLD_EVENT), TIMEOUT), runtime);
                    coldCpuMs.add(runtime.cpuTime().map(Duration::toMillis).orElse(-1L));
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
        return new Result(name, framework, database, project.javaVersion(), java.version(), coldMs, coldCpuMs, databaseMs.isEmpty() ? -1 : median(databaseMs),
                peakRssKb, size(image.layout().hostPath("/var/task")), warm[0], warm[1], !baseImageBootstrap, sandbox);
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
        Result first = floors.getFirst();
        List<Long> cold = floors.stream().flatMap(f -> f.coldMs().stream()).toList();
        List<Long> cpu = floors.stream().flatMap(f -> f.coldCpuMs().stream()).toList();
        List<Long> rss = floors.stream().flatMap(f -> f.peakRssKb().stream()).toList();
        return new Result(first.name(), first.framework(), first.database(), first.release(), first.java(), cold, cpu, -1, rss,
                first.taskRootBytes(), floors.stream().mapToDouble(Result::warmP50Ms).average().orElse(0),
                floors.stream().mapToDouble(Result::warmP99Ms).average().orElse(0), true, first.sandbox());
    }

    private static String table(Table table) {
        Result trained = table.trainedFloor();
        Result stock = table.stockFloor();
        StringBuilder out = new StringBuilder();
        out.append("| variant | JVM | cold start ms: median (min-max) | x trained floor | x stock floor | CPU ms to it | x trained floor "
                + "| first DB request ms | peak RSS MB | x trained floor | /var/task MB | warm p50 ms | x trained floor | warm p99 ms |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result result : Stream.concat(Stream.of(stock, trained), table.results().stream()).toList()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d (%d-%d) | %.2f | %.2f | %s | %s | %s | %.0f | %.2f | %.1f | %.3f | %.2f | %.3f |%n",
                    result.name(), result.java(), result.coldMedianMs(), min(result.coldMs()), max(result.coldMs()),
                    (double) result.coldMedianMs() / trained.coldMedianMs(),
                    (double) result.coldMedianMs() / stock.coldMedianMs(),
                    result.coldCpuMedianMs() < 0 ? "-" : Long.toString(result.coldCpuMedianMs()),
                    result.coldCpuMedianMs() < 0 || trained.coldCpuMedianMs() <= 0 ? "-"
                            : String.format(Locale.ROOT, "%.2f", (double) result.coldCpuMedianMs() / trained.coldCpuMedianMs()),
                    result.firstDatabaseRequestMs() < 0 ? "-" : Long.toString(result.firstDatabaseRequestMs()),
                    result.peakRssMedianKb() / 1024.0, (double) result.peakRssMedianKb() / trained.peakRssMedianKb(),
                    result.taskRootBytes() / 1048576.0, result.warmP50Ms(), result.warmP50Ms() / trained.warmP50Ms(),
                    result.warmP99Ms()));
        }
        return out.toString();
    }

    private static String report(List<Table> tables, String cpuShareSkipped) {
        StringBuilder out = new StringBuilder("""
                %s

                Measured by `mvn -B verify -Pbenchmark` (JDK 25, `ColdStartBenchmark`) on %s: %d CPU cores.
                Each variant is generated (archetype/src/test/resources/benchmark-projects), packaged, laid out as its
                `Dockerfile.x86_64` image would be (including its `RUN` step, which trains the class-data archive:
                an AOT cache on Java 25, a CDS archive on 21), and started inside the Lambda sandbox, so the JVM
                sizes itself from the function's 1024 MB, as inside Lambda, not from this host's memory
                (%s).

                - **as built**: by the image's own entry point (`src/main/docker/entrypoint.sh`): the real AWS
                  Lambda runtime interface client with the function's jars on the class path, starting from
                  the archive, with the JVM flags of the AWS Java base images (serial GC, C1 only, heap at
                  85%% of the function's memory).
                - **(base image start)**: the same files started as the base image's own bootstrap would
                  (`RuntimeInterfaceClient.jvmFlags`: the client loads the function through its own class
                  loader, with only the JDK's CDS archive), i.e. without what the entry point adds.
                - **stock floor**: a handler that returns a fixed answer, in the task root of a plain base
                  image and started by its bootstrap.
                - **trained floor**: the same handler packaged and started exactly as a generated image (its
                  jar in `lib/`, the generated Dockerfile, entry point and training step, so its own trained
                  archive and the same flags): the limit of the technique. The targets are ratios to it.
                - **%s**: the trained floor without the two flags the entry
                  point adds for the client's native library (its path, and native access), so the client
                  unpacks it to /tmp at every start and the JVM warns: their share of a cold start.
                - **cold start**: from launching the JVM to the answer to `GET /hello?name=Ada`
                  (`events/%s`, the same bytes for the floors), over %d fresh JVMs per row
                  (median, min-max).
                - **CPU ms to it**: the CPU time the function's JVM had used when it answered (all its threads:
                  JIT, GC, the client's), median; less sensitive to a loaded machine than the wall clock, and
                  what a cold start costs where the function gets only a share of a CPU.
                - **first DB request**: the first `GET /orders` right after, on the embedded H2 database.
                - **peak RSS**: the process's high-water mark (VmHWM) after those requests, median.
                - **warm**: %d invocations of the same event after %d warm-up ones, timed from queuing the
                  event at the local Runtime API to receiving the answer (so including that round trip).

                The floors are measured at the start and the end of each table; ratios to them are what to
                compare across machines and runs, since absolute times on a shared 2-core machine drift.
                Java 21 variants are compiled for Java 21 but run on the JDK 25 here (no JDK 21 is installed);
                the JVM column says what ran.
                """.formatted(HEADING, LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                tables.isEmpty() ? "?" : tables.getFirst().sandbox(), UNPACKING_FLOOR, COLD_EVENT, COLD_RUNS, WARM_INVOCATIONS,
                WARM_INVOCATIONS));
        for (Table table : tables) {
            out.append(table.cpu() == Cpu.HOST_CORES
                    ? "\n### On this host's %d cores\n\n".formatted(Runtime.getRuntime().availableProcessors())
                    : "\n### Under Lambda's CPU share for 1024 MB\n\nA CPU quota of %.2f of one CPU on the function's processes (AWS: 1,769 MB has the equivalent of\none vCPU), with the JVM told it has the %d processors Lambda's microVM shows (`-XX:ActiveProcessorCount`), as\nthe quota's cgroup would otherwise make it count one. JIT and GC threads no longer get a second core.\n\n"
                            .formatted(LambdaCpu.forMemory(1024).share(), LambdaCpu.forMemory(1024).visibleProcessors()));
            out.append(table(table));
        }
        if (!cpuShareSkipped.isEmpty()) {
            out.append("\n### Under Lambda's CPU share for 1024 MB\n\n").append(cpuShareSkipped).append("\n");
        }
        return out.toString();
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
}
