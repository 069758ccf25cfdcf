package io.github.lambdacontainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.engine.Archetype;
import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.Option;
import io.github.lambdacontainer.engine.ProjectFile;
import io.github.lambdacontainer.engine.RefusedOptionsException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * mvn -Pbenchmark (service module): how long a project takes from each entry point, in one run: the engine
 * in-process, the service over loopback at 1, 8 and 32 concurrent clients (and its peak RSS),
 * generate-project.sh, and archetype:generate with a warm local repository. Prints a table and writes the
 * section "## Generator" of docs/performance.md, leaving the others alone.
 */
class GeneratorBenchmark {

    private static final String HEADING = "## Generator";
    private static final Map<String, String> COORDINATES = Map.of("groupId", "com.example", "artifactId", "bench");
    private static final int[] CLIENTS = {1, 8, 32};
    private static final int REQUESTS_PER_CLIENT = 60;

    private final Path repository = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
    private final List<String> rows = new ArrayList<>();

    record Latencies(List<Long> nanos) {
        double percentileMillis(double percentile) {
            List<Long> sorted = nanos.stream().sorted().toList();
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }

    @Test
    void measureEveryEntryPoint() throws Exception {
        deleteScratch();   // projects of an earlier run would stop archetype:generate
        Path archetypeJar = GeneratorService.archetypeOnClassPath();
        Map<String, String> largest;
        double engineP50;
        try (Archetype archetype = Archetype.open(archetypeJar)) {
            largest = largestCombination(archetype);
            Latencies defaults = engine(archetype, COORDINATES, 300);
            Latencies big = engine(archetype, largest, 300);
            engineP50 = defaults.percentileMillis(50);
            row("engine in-process, default project", defaults, "-", "-");
            row("engine in-process, largest (" + describe(largest) + ")", big, "-", "-");
        }

        double serviceP50 = service(Path.of(System.getProperty("service.jar")));
        Latencies script = command(3, i -> List.of("bash", repository.resolve("generate-project.sh").toString(),
                "-DgroupId=com.example", "-DartifactId=bench-script-" + i, "-DoutputDirectory=" + scratch("script")));
        row("generate-project.sh (default project)", script, "-", "-");
        Latencies maven = command(3, i -> List.of("mvn", "-B", "-q", "-o",
                "org.apache.maven.plugins:maven-archetype-plugin:" + archetypePluginVersion() + ":generate",
                "-DarchetypeGroupId=io.github.lambdacontainer", "-DarchetypeArtifactId=lambda-container-archetype",
                "-DarchetypeVersion=" + archetypeVersion(), "-DgroupId=com.example", "-DartifactId=bench-mvn-" + i,
                "-DoutputDirectory=" + scratch("maven")));
        row("mvn archetype:generate, warm local repository", maven, "-", "-");

        double ratio = maven.percentileMillis(50) / serviceP50;
        String table = "| entry point | p50 ms | p99 ms | requests/s | errors |\n|---|---:|---:|---:|---:|\n" + String.join("\n", rows) + "\n";
        String section = HEADING + "\n\n"
                + "Measured " + LocalDate.now() + " on this machine (" + Runtime.getRuntime().availableProcessors()
                + " cores, shared), by `mvn -B verify -Pbenchmark -pl engine,archetype,service -Darchetype.test.skip=true -DskipITs"
                + " -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false` (service/src/test/java/.../GeneratorBenchmark.java)."
                + " The service runs as `java -jar` in its own process and is called over loopback for `/starter.zip` of the"
                + " default project; each client sends its requests one after another. The engine figures are"
                + " after a warm-up, in the benchmark's JVM.\n\n"
                + table + "\n"
                + String.format("The service's p50 is %.0f times faster than `mvn archetype:generate` (target: 100). Engine p50 %.1f ms.%n",
                        ratio, engineP50);
        System.out.println(section);
        Path report = Path.of(System.getProperty("benchmark.report", "../docs/performance.md"));
        Files.writeString(report, withSection(Files.exists(report) ? Files.readString(report) : "", section));
        assertTrue(ratio >= 100, "the service's p50 at least 100 times faster than archetype:generate: " + ratio);
    }

    /** The accepted combination with the most bytes, found option by option from the defaults. */
    private static Map<String, String> largestCombination(Archetype archetype) throws RefusedOptionsException {
        Map<String, String> chosen = new LinkedHashMap<>(COORDINATES);
        for (Option option : archetype.metadata().options()) {
            long most = -1;
            String best = null;
            for (String value : option.allowedValues()) {
                Map<String, String> trial = new LinkedHashMap<>(chosen);
                trial.put(option.name(), value);
                try {
                    long size = archetype.generate(trial).files().values().stream().mapToLong(file -> file.content().length).sum();
                    if (size > most) {
                        most = size;
                        best = value;
                    }
                } catch (RefusedOptionsException refused) {
                    // not a project: not a candidate
                }
            }
            if (best != null) {
                chosen.put(option.name(), best);
            }
        }
        archetype.generate(chosen);
        return chosen;
    }

    private static String describe(Map<String, String> answers) {
        List<String> parts = new ArrayList<>();
        answers.forEach((name, value) -> {
            if (!COORDINATES.containsKey(name)) {
                parts.add(name + "=" + value);
            }
        });
        return String.join(" ", parts);
    }

    private static Latencies engine(Archetype archetype, Map<String, String> answers, int runs) throws Exception {
        for (int i = 0; i < runs; i++) {
            archetype.generate(answers);   // warm-up
        }
        List<Long> nanos = new ArrayList<>();
        long sink = 0;
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            GeneratedProject project = archetype.generate(answers);
            nanos.add(System.nanoTime() - started);
            sink += project.files().values().stream().mapToInt((ProjectFile file) -> file.content().length).sum();
        }
        assertTrue(sink > 0);
        return new Latencies(nanos);
    }

    /** The service jar in its own process: p50/p99 and throughput at each client count, and its peak RSS. */
    private double service(Path jar) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder("java", "-jar", jar.toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(scratch("service").resolve("service.log").toFile()).start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/starter.zip?" + RunningService.query(COORDINATES));
            waitUntilAnswering(client, URI.create("http://127.0.0.1:" + port + "/metadata"));
            for (int i = 0; i < 200; i++) {
                client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());   // warm-up
            }
            double p50AtOne = 0;
            for (int clients : CLIENTS) {
                List<Long> nanos = java.util.Collections.synchronizedList(new ArrayList<>());
                AtomicInteger errors = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                long started = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    running.add(pool.submit(() -> {
                        for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                            long sent = System.nanoTime();
                            try {
                                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                                        HttpResponse.BodyHandlers.ofByteArray());
                                if (response.statusCode() != 200 || response.body().length < 1000) {
                                    errors.incrementAndGet();
                                }
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                            nanos.add(System.nanoTime() - sent);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : running) {
                    future.get();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                pool.shutdown();
                Latencies latencies = new Latencies(new ArrayList<>(nanos));
                row("service /starter.zip, " + clients + " client" + (clients > 1 ? "s" : ""), latencies,
                        String.format("%.0f", nanos.size() / seconds), String.valueOf(errors.get()));
                if (clients == 1) {
                    p50AtOne = latencies.percentileMillis(50);
                }
                assertEquals(0, errors.get(), clients + " clients: no error");
            }
            rows.add("| service peak RSS (VmHWM) | " + peakRssMegabytes(process.pid()) + " MB | | | |");
            return p50AtOne;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static void waitUntilAnswering(HttpClient client, URI uri) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try {
                if (client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the service did not answer " + uri);
    }

    private static String peakRssMegabytes(long pid) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return "-";
        }
        Matcher peak = Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(Files.readString(status));
        return peak.find() ? String.valueOf(Long.parseLong(peak.group(1)) / 1024) : "-";
    }

    interface CommandLine {
        List<String> of(int run) throws IOException;
    }

    /** A command run once to warm up (it installs, downloads nothing the second time), then timed. */
    private Latencies command(int timedRuns, CommandLine command) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i <= timedRuns; i++) {
            Path log = scratch("commands").resolve("run-" + System.nanoTime() + ".log");
            List<String> line = command.of(i);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(line).directory(scratch("empty-" + System.nanoTime()).toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int exit = process.waitFor();
            long took = System.nanoTime() - started;
            assertEquals(0, exit, () -> String.join(" ", line) + " failed: " + read(log));
            if (i > 0) {
                nanos.add(took);
            }
        }
        return new Latencies(nanos);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void deleteScratch() throws IOException {
        Path scratch = Path.of("target", "benchmark");
        if (Files.exists(scratch)) {
            try (var paths = Files.walk(scratch)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private Path scratch(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "benchmark", name).toAbsolutePath());
    }

    private void row(String what, Latencies latencies, String throughput, String errors) {
        rows.add(String.format("| %s | %.1f | %.1f | %s | %s |", what, latencies.percentileMillis(50),
                latencies.percentileMillis(99), throughput, errors));
    }

    /** The maven-archetype-plugin this build runs: the parent pom's archetype-plugin.version, passed by -Pbenchmark. */
    private static String archetypePluginVersion() {
        return benchmarkProperty("archetype-plugin.version");
    }

    /** The version of the archetype this build made (the parent pom's, which the archetype inherits), passed by -Pbenchmark. */
    private static String archetypeVersion() {
        return benchmarkProperty("archetype.version");
    }

    private static String benchmarkProperty(String name) {
        String value = System.getProperty(name, "");
        assertTrue(!value.isBlank(), name + " is not set: the benchmark profile of service/pom.xml sets it");
        return value;
    }

    /** The text with this benchmark's section (from its heading to the next "## ") replaced, or appended. */
    static String withSection(String text, String section) {
        Matcher existing = Pattern.compile("(?ms)^" + Pattern.quote(HEADING) + "\\n.*?(?=^## |\\z)").matcher(text);
        String body = section.endsWith("\n") ? section : section + "\n";
        if (existing.find()) {
            String rest = text.substring(existing.end());
            return text.substring(0, existing.start()) + body + (rest.isEmpty() ? "" : "\n" + rest);
        }
        return text + (text.endsWith("\n\n") || text.isEmpty() ? "" : text.endsWith("\n") ? "\n" : "\n\n") + body;
    }
}
