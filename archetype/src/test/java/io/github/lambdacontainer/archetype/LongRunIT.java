package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdacontainer.archetype.contract.FunctionImage;
import io.github.lambdacontainer.archetype.contract.ServerContainer;
import io.github.lambdacontainer.archetype.contract.expectation.ApiGatewayHttpRequests;
import io.github.lambdacontainer.archetype.contract.expectation.ApiGatewayResponseExpectation;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Long runs, for one Java 25 variant of each framework (with its default embedded database):
 * <ul>
 *   <li>the Lambda image under the real runtime interface client takes 20,000 warm invocations
 *       mixing the routes, most of them through the database (the project's own events), each
 *       answered as events/expected.json says; after the first 2,000 its JVM's peak RSS grows by
 *       at most 10% and its live thread count stays flat ({@link LongRun} judges; the figures go
 *       to target/soak/&lt;variant&gt;.json);</li>
 *   <li>Dockerfile.server takes 32 concurrent clients on loopback, 100 requests each, without an
 *       error, and every response carries the X-Correlation-Id of its own request.</li>
 * </ul>
 * Not checked: that the connection pool never holds more than its maximum (1) connections: the
 * generated function reports no pool figures and has no route that could ask the database.
 * {@code -Dlongrun.invocations=} shortens or lengthens the Lambda run.
 */
class LongRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Path.of("target/container-contract/long-run");
    private static final Path FIGURES = Path.of("target/soak");
    private static final int INVOCATIONS = Integer.getInteger("longrun.invocations", 20_000);
    private static final int WARM_UP = Math.min(2_000, INVOCATIONS / 2);
    private static final int SAMPLE_EVERY = 1_000;
    private static final int CLIENTS = 32;
    private static final int REQUESTS_PER_CLIENT = 100;
    private static final Duration COLD = Duration.ofSeconds(90);
    private static final Duration WARM = Duration.ofSeconds(10);
    private static final String LIST = "orders-list.json";
    /**
     * GET /hello?name=, POST /hello, GET /orders, POST /orders, GET /orders/{id} (an id that is
     * not there: the 404 comes from the database), GET / (health, which asks the database).
     */
    private static final List<String> MIX = List.of("get-hello-with-name.json", "post-hello.json", LIST,
            "orders-create.json", "orders-get-unknown.json", "get-health.json");

    /** Each variant's image laid out once, for all its cases. */
    private static final LaidOutImages IMAGES = new LaidOutImages(LOGS);

    @AfterAll
    static void removeImages() {
        IMAGES.close();
    }

    @TestFactory
    Stream<DynamicNode> longRunsStaySteady() {
        List<GeneratedVariant> variants = GeneratedVariant.oneJava25ProjectPerFramework();
        return variants.stream().map(variant -> dynamicContainer(variant.name() + " (" + variant.framework() + ")",
                Stream.of(
                        dynamicTest(INVOCATIONS + " warm invocations under the runtime interface client",
                                () -> lambdaLongRun(variant)),
                        dynamicTest("Dockerfile.server: " + CLIENTS + " concurrent clients x " + REQUESTS_PER_CLIENT,
                                () -> concurrentServer(variant)))));
    }

    private static void lambdaLongRun(GeneratedVariant variant) throws IOException {
        assertEquals("mysql", variant.database(), "the long run is meant for the default (embedded) database");
        GeneratedProject project = GeneratedProject.load(variant.project().toAbsolutePath().normalize());
        MIX.forEach(event -> assertTrue(project.events().containsKey(event), "the project has no events/" + event));
        List<LongRun.Sample> samples = new ArrayList<>();
        long coldMs;
        String sandbox;
        try (FunctionImage.Function function = IMAGES.of(variant).start(Map.of(), "lambda-long-run.log")) {
            FunctionImage.Reply first = function.invoke(MIX.getFirst(), COLD);
            coldMs = first.took().toMillis();
            sandbox = function.sandbox();
            assertAnswered(project, first, function);
            long started = System.nanoTime();
            for (int i = 1; i <= INVOCATIONS; i++) {
                FunctionImage.Reply reply = function.invoke(MIX.get(i % MIX.size()), WARM);
                assertAnswered(project, reply, function);
                if (i % SAMPLE_EVERY == 0 || i == INVOCATIONS) {
                    samples.add(new LongRun.Sample(i, function.peakRssKb(), function.threadCount(),
                            System.nanoTime() - started));
                }
            }
            assertTrue(function.isAlive(), "the function ended during the run\n" + function.outputTail());
        }
        List<String> problems = LongRun.problems(samples, WARM_UP);
        double msPerThousand = LongRun.msPerThousand(samples, WARM_UP);
        LongRun.Sample warm = samples.stream().filter(sample -> sample.invocations() >= WARM_UP).findFirst().orElseThrow();
        LongRun.Sample end = samples.getLast();
        String summary = String.format("%s (%s): %d warm invocations; peak RSS %.1f MB at %d, %.1f MB at %d (%+.1f%%); "
                + "threads %d at %d, %d at %d (max after warm-up %d); %.0f ms per 1,000 after warm-up; cold %d ms; %s",
                variant.name(), variant.framework(), INVOCATIONS, warm.peakRssKb() / 1024.0, warm.invocations(),
                end.peakRssKb() / 1024.0, end.invocations(), 100.0 * (end.peakRssKb() - warm.peakRssKb()) / warm.peakRssKb(),
                warm.threads(), warm.invocations(), end.threads(), end.invocations(),
                samples.subList(samples.indexOf(warm), samples.size()).stream().mapToLong(LongRun.Sample::threads).max()
                        .orElse(-1), msPerThousand, coldMs, sandbox);
        System.out.println("[long run] " + summary);
        writeFigures(variant, samples, msPerThousand, coldMs, sandbox, problems);
        assertEquals(List.of(), problems, summary);
    }

    /** The answer expected.json records, except GET /orders: the rows POST /orders stores show up in it. */
    private static void assertAnswered(GeneratedProject project, FunctionImage.Reply reply, FunctionImage.Function function) {
        List<String> mismatches;
        if (reply.eventName().equals(LIST)) {
            mismatches = new ArrayList<>();
            if (reply.statusCode() != 200) {
                mismatches.add("statusCode " + reply.statusCode() + ", expected 200");
            } else if (!reply.bodyJson().isArray()) {
                mismatches.add("the body is not a JSON array");
            }
        } else {
            mismatches = project.expectations().get(reply.eventName()).mismatches(reply.response());
        }
        if (!mismatches.isEmpty()) {
            throw new AssertionError(reply.eventName() + ": " + String.join("; ", mismatches) + "\n  got " + reply
                    + "\n" + function.outputTail());
        }
    }

    private static void writeFigures(GeneratedVariant variant, List<LongRun.Sample> samples, double msPerThousand,
            long coldMs, String sandbox, List<String> problems) throws IOException {
        ObjectNode figures = JSON.createObjectNode();
        figures.put("variant", variant.name());
        figures.put("framework", variant.framework());
        figures.put("invocations", INVOCATIONS);
        figures.put("warmUpInvocations", WARM_UP);
        figures.put("coldFirstAnswerMs", coldMs);
        figures.put("msPerThousandAfterWarmUp", Math.round(msPerThousand * 10) / 10.0);
        figures.put("sandbox", sandbox);
        figures.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        ArrayNode rows = figures.putArray("samples");
        for (LongRun.Sample sample : samples) {
            rows.addObject().put("invocations", sample.invocations()).put("peakRssKb", sample.peakRssKb())
                    .put("threads", sample.threads()).put("elapsedMs", sample.elapsedNanos() / 1_000_000);
        }
        ArrayNode written = figures.putArray("problems");
        problems.forEach(written::add);
        Files.createDirectories(FIGURES);
        JSON.writerWithDefaultPrettyPrinter().writeValue(FIGURES.resolve(variant.name() + ".json").toFile(), figures);
    }

    private static void concurrentServer(GeneratedVariant variant) throws Exception {
        List<String> events = MIX;
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        long took;
        long peakRssKb;
        try (ServerContainer server = IMAGES.of(variant).startServer(COLD)) {
            GeneratedProject project = server.project();
            List<JsonNode> parsed = new ArrayList<>();
            for (String event : events) {
                parsed.add(JSON.readTree(project.eventBytes(event)));
            }
            // one request first: the server's own warm-up is not what this checks
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<byte[]> response = client.send(ApiGatewayHttpRequests.toRequest(parsed.getFirst(),
                        server.baseUri(), COLD), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, response.statusCode(), "the first request\n" + server.outputTail());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int clientNumber = c;
                clients.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build()) {
                        start.await();
                        for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                            int which = (clientNumber + r) % events.size();
                            String event = events.get(which);
                            String correlationId = "soak-c" + clientNumber + "-r" + r;
                            HttpRequest request = HttpRequest.newBuilder(
                                            ApiGatewayHttpRequests.toRequest(parsed.get(which), server.baseUri(), WARM),
                                            (name, value) -> !name.equalsIgnoreCase("X-Correlation-Id"))
                                    .header("X-Correlation-Id", correlationId).build();
                            try {
                                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                                int expected = project.expectations().get(event).asWritten().path("statusCode").asInt();
                                if (response.statusCode() != expected) {
                                    failures.add(correlationId + " " + event + ": status " + response.statusCode()
                                            + ", expected " + expected);
                                }
                                JsonNode answer = ApiGatewayHttpRequests.toAnswer(response);
                                List<String> echoed = ApiGatewayResponseExpectation.headerValues(answer, "X-Correlation-Id");
                                LongRun.correlationProblem(correlationId, echoed)
                                        .ifPresent(problem -> failures.add(event + ": " + problem));
                            } catch (IOException e) {
                                failures.add(correlationId + " " + event + ": no HTTP answer (" + e + ")");
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failures.add("client " + clientNumber + " interrupted");
                    }
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            for (Thread client : clients) {
                client.join(Duration.ofMinutes(2));
                if (client.isAlive()) {
                    failures.add(client.getName() + " did not finish within 2 minutes");
                }
            }
            took = Duration.ofNanos(System.nanoTime() - started).toMillis();
            peakRssKb = server.peakRssKb();
            assertTrue(server.isAlive(), "the server ended during the run\n" + server.outputTail());
            String summary = String.format("%s (%s) Dockerfile.server: %d clients x %d requests in %d ms, peak RSS %.1f MB, "
                    + "%d failures", variant.name(), variant.framework(), CLIENTS, REQUESTS_PER_CLIENT, took,
                    peakRssKb / 1024.0, failures.size());
            System.out.println("[long run] " + summary);
            Files.createDirectories(FIGURES);
            ObjectNode figures = JSON.createObjectNode().put("variant", variant.name()).put("framework", variant.framework())
                    .put("clients", CLIENTS).put("requestsPerClient", REQUESTS_PER_CLIENT).put("tookMs", took)
                    .put("peakRssKb", peakRssKb).put("failures", failures.size());
            JSON.writerWithDefaultPrettyPrinter().writeValue(FIGURES.resolve(variant.name() + "-server.json").toFile(),
                    figures);
            assertTrue(failures.isEmpty(), summary + ":\n  - " + String.join("\n  - ",
                    failures.stream().limit(20).toList()) + "\n" + server.outputTail());
        }
    }
}
