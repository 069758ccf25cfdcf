package io.github.lambdacontainer.archetype.contract.benchmark;

import io.github.lambdacontainer.archetype.GeneratedVariant;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Throughput and latency of one execution environment serving overlapping invocations (Lambda
 * Managed Instances), for one Java 25 project of each framework: its Lambda image as built, under
 * the real runtime interface client with {@value RuntimeInterfaceClient#MAX_CONCURRENCY_VARIABLE}
 * 1, 4 and 16 and as many callers each invoking in a loop, against the same function without the
 * variable (one invocation at a time, as on-demand Lambda runs it). Run by the {@code benchmark}
 * profile; prints a table and writes its section of docs/performance.md. It never fails on a timing.
 */
class ConcurrencyBenchmark {

    static final String HEADING = "## Overlapping invocations (Lambda Managed Instances)";
    private static final Path REPORT = Path.of(System.getProperty("benchmark.report", "docs/performance.md"));
    private static final int WARM_UP = Integer.getInteger("benchmark.concurrency.warmUp", 2000);
    private static final int INVOCATIONS = Integer.getInteger("benchmark.concurrency.invocations", 4000);
    private static final List<Integer> CONCURRENCIES = List.of(1, 4, 16);
    private static final String ARCHITECTURE = "x86_64";
    private static final String EVENT = "get-hello-with-name.json";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One function at one concurrency; {@code maxConcurrency} 0 is without the variable. */
    record Row(String variant, String framework, int maxConcurrency, double perSecond, double p50Ms, double p99Ms) {}

    @Test
    void throughputAndLatencyAtEachConcurrencyAgainstOneAtATime() throws IOException {
        Path work = LambdaSandbox.createWorkDirectory("concurrency-benchmark");
        List<Row> rows = new ArrayList<>();
        try {
            for (GeneratedVariant variant : GeneratedVariant.oneJava25ProjectPerFramework()) {
                GeneratedProject project = GeneratedProject.load(variant.project().toAbsolutePath().normalize());
                StaticContract.LambdaImage image = StaticContract.check(project, work.resolve(variant.name()))
                        .lambdaImages().stream()
                        .filter(candidate -> candidate.dockerfile().fileName().equals("Dockerfile." + ARCHITECTURE))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(variant.name() + " has no Dockerfile." + ARCHITECTURE));
                rows.add(measure(variant, project, image, 0, work.resolve(variant.name()).resolve("run-without")));
                for (int concurrency : CONCURRENCIES) {
                    rows.add(measure(variant, project, image, concurrency, work.resolve(variant.name()).resolve("run-" + concurrency)));
                }
            }
        } finally {
            deleteRecursively(work);
        }
        String table = table(rows);
        System.out.println(table);
        PerformanceReport.writeSection(REPORT, HEADING, report(table));
    }

    private static Row measure(GeneratedVariant variant, GeneratedProject project, StaticContract.LambdaImage image,
            int maxConcurrency, Path runDirectory) {
        JavaRuntime java = JavaRuntime.forVersion(project.javaVersion());
        FunctionLaunch.Settings settings = maxConcurrency == 0
                ? FunctionLaunch.Settings.BENCHMARK.without(Set.of(RuntimeInterfaceClient.MAX_CONCURRENCY_VARIABLE))
                : FunctionLaunch.Settings.BENCHMARK.withEnvironment(
                        Map.of(RuntimeInterfaceClient.MAX_CONCURRENCY_VARIABLE, Integer.toString(maxConcurrency)));
        byte[] event = project.eventBytes(EVENT);
        try (RuntimeApiServer runtimeApi = RuntimeApiServer.start("arn:aws:lambda:us-east-1:123456789012:function:"
                        + image.function().logicalId(), Duration.ofSeconds(image.function().timeoutSeconds()));
                FunctionLaunch launch = FunctionLaunch.of(image, java, runtimeApi.runtimeApiAddress(), runDirectory, settings);
                ChildProcess runtime = ChildProcess.start(launch.command(), launch.environment(), launch.workingDirectory(),
                        runDirectory.resolve("function.log"))) {
            runtimeApi.watchRuntime(runtime::isAlive, TIMEOUT);
            int callers = Math.max(1, maxConcurrency);
            invokeInLoops(variant, runtimeApi, runtime, event, callers, 1);
            invokeInLoops(variant, runtimeApi, runtime, event, callers, WARM_UP);
            long started = System.nanoTime();
            long[] nanos = invokeInLoops(variant, runtimeApi, runtime, event, callers, INVOCATIONS);
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(nanos);
            return new Row(variant.name(), variant.framework(), maxConcurrency, INVOCATIONS / seconds,
                    nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6);
        }
    }

    /**
     * {@code invocations} in all, from {@code callers} threads each invoking the next as soon as
     * its last is answered; returns each one's time from queuing to its answer.
     */
    private static long[] invokeInLoops(GeneratedVariant variant, RuntimeApiServer runtimeApi, ChildProcess runtime,
            byte[] event, int callers, int invocations) {
        long[] nanos = new long[invocations];
        AtomicInteger next = new AtomicInteger();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int caller = 0; caller < callers; caller++) {
            threads.add(Thread.ofPlatform().name("caller-" + caller).start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int index = next.getAndIncrement(); index < invocations && failures.isEmpty();
                        index = next.getAndIncrement()) {
                    long queued = System.nanoTime();
                    RuntimeApiServer.Answer answer = runtimeApi.invoke(event, TIMEOUT);
                    nanos[index] = System.nanoTime() - queued;
                    if (!(answer instanceof RuntimeApiServer.Answer.Response response)
                            || !response.body().contains("\"statusCode\":200")) {
                        failures.add(answer.toString());
                    }
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        if (!failures.isEmpty()) {
            runtime.awaitQuietOutput();
            throw new AssertionError(variant.name() + " did not answer " + EVENT + " with 200: " + failures.peek() + "\n"
                    + runtime.outputTail());
        }
        return nanos;
    }

    private static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder("| project | " + RuntimeInterfaceClient.MAX_CONCURRENCY_VARIABLE
                + " (= callers) | invocations/s | x one at a time | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Row alone = rows.stream().filter(other -> other.variant().equals(row.variant()) && other.maxConcurrency() == 0)
                    .findFirst().orElseThrow();
            table.append(String.format(Locale.ROOT, "| %s (%s) | %s | %.0f | %.2f | %.3f | %.3f |%n", row.variant(),
                    row.framework(), row.maxConcurrency() == 0 ? "not set (1)" : Integer.toString(row.maxConcurrency()),
                    row.perSecond(), row.perSecond() / alone.perSecond(), row.p50Ms(), row.p99Ms()));
        }
        return table.toString();
    }

    private static String report(String table) {
        return """
                %s

                Measured by `mvn -B verify -Pbenchmark` (JDK 25, `ConcurrencyBenchmark`) on %s: %s, %d CPU
                cores, load average %s at the start. One Java 25 project of each framework (the one setting the fewest options), its
                `Dockerfile.x86_64` image as built (entry point, trained archive), under the real runtime
                interface client, one fresh JVM per row. With `AWS_LAMBDA_MAX_CONCURRENCY` = N the client
                polls the Runtime API from N threads, as on Lambda Managed Instances; N callers each send
                `GET /hello?name=` (events/%s) and the next as soon as theirs is answered, so N
                invocations overlap. "not set" is the same function as on-demand Lambda runs it, one
                invocation at a time. %d invocations after %d warm-up ones; latency from queuing the event
                at the local Runtime API to its answer (so it includes waiting for a free thread). On 2
                cores shared with the Runtime API and the callers, throughput stops growing at a few
                threads: the table shows what one environment gains from overlap here, not on a
                managed-instance vCPU count.

                %s""".formatted(HEADING, LocalDate.now(), cpuModel(), Runtime.getRuntime().availableProcessors(),
                LOAD_AT_START, EVENT, INVOCATIONS, WARM_UP, table);
    }

    /** The 1-minute load average when the benchmark began: other builds on the machine skew the figures. */
    private static final String LOAD_AT_START = loadAverage();

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
