package io.github.lambdacontainer.archetype.contract.concurrency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.FunctionLaunch;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeApiServer;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeInterfaceClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Overlapping invocations, as Lambda Managed Instances sends them to one execution environment.
 * A function whose template.yaml sets CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency
 * N runs under the real runtime interface client with {@value RuntimeInterfaceClient#MAX_CONCURRENCY_VARIABLE}=N
 * (Lambda's environment for it), from the image as built, and takes batches of N invocations
 * that are all in flight before any answer comes back ({@link RuntimeApiServer#invokeBatch}):
 * <ul>
 *   <li>{@code GET /hello?name=} with a distinct name and X-Correlation-Id each: every answer
 *       greets its own name and echoes its own id;</li>
 *   <li>{@code POST /orders} with a distinct item each (where the project has a database): every
 *       answer is its own order, and the {@code GET /orders} after the batch lists all of them;</li>
 *   <li>every JSON log line naming a request id ({@value LogLineIds#REQUEST_ID_KEY}) and a
 *       correlation id ({@value LogLineIds#CORRELATION_ID_KEY}) names the pair of one invocation.</li>
 * </ul>
 * A queue worker (the function with the SQS event source) takes batches of copies of the SQS batch
 * events/expected.json says is stored whole, every message with its own id and item: each answer
 * must report no batchItemFailures, and every message must be named in a log line carrying the
 * request id of the invocation that carried it, and in none carrying another's.
 */
public final class ConcurrencyCheck {

    /** The overlap the proof asks for at least, whatever the template's concurrency. */
    public static final int LEAST_CONCURRENCY = 16;
    static final String HELLO_EVENT = "get-hello-with-name.json";
    static final String CREATE_ORDER_EVENT = "orders-create.json";
    static final String LIST_ORDERS_EVENT = "orders-list.json";
    private static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final int HELLO_BATCHES = 4;
    private static final int SQS_BATCHES = 4;
    private static final int ORDER_BATCHES = 2;
    /** How many failures of a kind (answers, log lines) a message lists before it counts the rest. */
    private static final int LISTED_FAILURES = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one function's check measured.
     *
     * @param dockerfile                the image, with the function's name where it is not the CMD's
     * @param maxConcurrency            template.yaml's PerExecutionEnvironmentMaxConcurrency, the batch size
     * @param invocations               invocations sent in batches
     * @param inFlightBeforeFirstAnswer the least, over the batches, of how many invocations were in
     *                                  flight at once before the batch's first answer
     * @param invocationsPerSecond      batch invocations over the time from queuing each batch to its last answer
     * @param ordersListed              orders created concurrently and found in GET /orders, 0 without a database
     * @param logLinesChecked           log lines whose request id was compared with the correlation id
     *                                  (or SQS message ids) of the invocation sent with it
     * @param notChecked                what was not checked, and why
     */
    public record Figures(String dockerfile, int maxConcurrency, int invocations, int inFlightBeforeFirstAnswer,
            double invocationsPerSecond, int ordersListed, int logLinesChecked, List<String> notChecked) {}

    /**
     * One invocation of a batch: what tells it apart (an HTTP request's correlation id, an SQS
     * batch's message ids), and the answer it must get.
     */
    private record Sent(String what, Optional<String> correlationId, List<String> messageIds, byte[] event,
            Expectation expectation) {}

    private ConcurrencyCheck() {}

    /**
     * Runs the check on an image whose function has a max concurrency.
     *
     * @throws AssertionError naming every answer or log line that belongs to another invocation,
     *                        or how few invocations overlapped, with the end of the function's output
     */
    public static Figures run(GeneratedProject project, StaticContract.LambdaImage image, JavaRuntime java,
            Duration coldAnswerTimeout, Duration warmAnswerTimeout, Path runDirectory, Path outputLog) {
        int concurrency = image.function().maxConcurrency().orElseThrow(() -> new IllegalArgumentException(
                image.function().logicalId() + " has no PerExecutionEnvironmentMaxConcurrency"));
        String description = image.runName() + " (handler " + image.handler() + ", " + RuntimeInterfaceClient.MAX_CONCURRENCY_VARIABLE
                + "=" + concurrency + ")";
        if (concurrency < LEAST_CONCURRENCY) {
            throw new AssertionError(description + ": template.yaml function " + image.function().logicalId() + " sets "
                    + "CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency " + concurrency + ", but overlapping "
                    + "invocations are proven at " + LEAST_CONCURRENCY + " or more at once");
        }
        boolean worker = image.serves() == Expectation.Source.SQS;
        String coldEvent = worker ? storedWholeBatch(project, description) : HELLO_EVENT;
        if (!project.events().containsKey(coldEvent)) {
            throw new AssertionError(description + ": the project has no events/" + HELLO_EVENT
                    + " to build concurrent GET /hello?name= invocations from");
        }
        List<String> failures = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        Map<String, String> correlationIdByRequestId = new LinkedHashMap<>();
        Map<String, String> requestIdByMessageId = new LinkedHashMap<>();
        int invocations = 0;
        long batchNanos = 0;
        int leastInFlight = Integer.MAX_VALUE;
        int ordersListed = 0;
        try (RuntimeApiServer runtimeApi = RuntimeApiServer.start("arn:aws:lambda:us-east-1:123456789012:function:"
                        + image.function().logicalId(), Duration.ofSeconds(image.function().timeoutSeconds()));
                FunctionLaunch launch = FunctionLaunch.of(image, java, runtimeApi.runtimeApiAddress(), runDirectory,
                        FunctionLaunch.Settings.CONTRACT);
                ChildProcess runtime = ChildProcess.start(launch.command(), launch.environment(), launch.workingDirectory(),
                        outputLog)) {
            runtimeApi.watchRuntime(runtime::isAlive, coldAnswerTimeout);
            // The cold start first, alone: the batches are about a warm environment.
            RuntimeApiServer.Answer first = runtimeApi.invoke(project.eventBytes(coldEvent), coldAnswerTimeout);
            if (!(first instanceof RuntimeApiServer.Answer.Response)) {
                throw failed(description, listed(List.of("the first invocation (events/" + coldEvent + ") was not "
                        + "answered: " + first), "more"), runtime);
            }
            List<List<Sent>> batches = new ArrayList<>();
            for (int batch = 1; batch <= (worker ? SQS_BATCHES : HELLO_BATCHES); batch++) {
                batches.add(worker ? sqsBatch(project, coldEvent, batch, concurrency) : helloBatch(project, batch, concurrency));
            }
            boolean withOrders = !worker && project.events().containsKey(CREATE_ORDER_EVENT)
                    && project.events().containsKey(LIST_ORDERS_EVENT);
            if (withOrders) {
                for (int batch = 1; batch <= ORDER_BATCHES; batch++) {
                    batches.add(orderBatch(project, HELLO_BATCHES + batch, concurrency));
                }
            } else if (worker) {
                notChecked.add("that the messages are in the worker's database, which is inside its process: they are "
                        + "held stored as the answers say (no batchItemFailures) and each is logged under its own invocation");
            } else {
                notChecked.add("concurrent POST /orders: the project has no events/" + CREATE_ORDER_EVENT + " and "
                        + LIST_ORDERS_EVENT + " (no database)");
            }
            for (int index = 0; index < batches.size(); index++) {
                List<Sent> sent = batches.get(index);
                String batchName = "batch " + (index + 1) + " of " + batches.size();
                RuntimeApiServer.Batch batch = runtimeApi.invokeBatch(sent.stream().map(Sent::event).toList(),
                        warmAnswerTimeout, warmAnswerTimeout);
                invocations += sent.size();
                batchNanos += batch.nanos();
                leastInFlight = Math.min(leastInFlight, batch.maxInFlightBeforeFirstAnswer());
                boolean overlapped = batch.maxInFlightBeforeFirstAnswer() >= concurrency;
                if (!overlapped) {
                    failures.add(batchName + ": only " + batch.maxInFlightBeforeFirstAnswer() + " of its " + concurrency
                            + " invocations were in flight before its first answer (" + batch.pollersAtGate()
                            + " taken by waiting pollers within " + warmAnswerTimeout.toSeconds() + " s): the runtime client did "
                            + "not serve " + concurrency + " invocations at once");
                }
                List<JsonNode> answers = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    RuntimeApiServer.Delivered delivered = batch.answers().get(i);
                    sent.get(i).correlationId().ifPresent(id -> correlationIdByRequestId.put(delivered.requestId(), id));
                    sent.get(i).messageIds().forEach(id -> requestIdByMessageId.put(id, delivered.requestId()));
                    judge(batchName, sent.get(i), delivered.answer(), failures).ifPresent(answers::add);
                }
                if (withOrders && sent.getFirst().what().startsWith("POST")) {
                    ordersListed += ordersListed(project, batchName, sent, answers, runtimeApi, warmAnswerTimeout, failures);
                }
                if (!overlapped) {
                    break; // later batches would only wait out the gate the same way
                }
                if (!runtime.isAlive()) {
                    failures.add(batchName + ": the runtime process ended");
                    break;
                }
            }
            runtime.awaitQuietOutput();
            LogLineIds.Result logs = worker
                    ? LogLineIds.checkMessages(readLines(outputLog), requestIdByMessageId)
                    : LogLineIds.check(readLines(outputLog), correlationIdByRequestId);
            if (!worker && logs.linesChecked() == 0) {
                failures.add("no JSON log line names both " + LogLineIds.REQUEST_ID_KEY + " and "
                        + LogLineIds.CORRELATION_ID_KEY + " of an invocation sent in a batch, so nothing shows that "
                        + "log lines carry their own invocation's ids (RequestIds' MDC keys)");
            }
            if (!failures.isEmpty() || !logs.problems().isEmpty()) {
                throw failed(description, listed(failures, "more") + listed(logs.problems(), "more log lines"), runtime);
            }
            double seconds = batchNanos / 1e9;
            return new Figures(image.runName(), concurrency, invocations, leastInFlight,
                    Math.round(invocations / seconds * 10) / 10.0, ordersListed, logs.linesChecked(), List.copyOf(notChecked));
        }
    }

    private static List<Sent> helloBatch(GeneratedProject project, int batch, int size) {
        JsonNode event = event(project, HELLO_EVENT);
        String sampleName = event.path("queryStringParameters").path("name").asText();
        if (sampleName.isEmpty()) {
            throw new AssertionError("events/" + HELLO_EVENT + " has no queryStringParameters.name to vary");
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String name = sampleName + "B" + batch + "N" + i;
            String correlationId = "concurrency-b" + batch + "-i" + i;
            ObjectNode edited = EventEdits.withHeader(EventEdits.withQueryParameter(event, "name", name),
                    CORRELATION_HEADER, correlationId);
            sent.add(new Sent("GET /hello?name=" + name + " with " + CORRELATION_HEADER + " " + correlationId,
                    Optional.of(correlationId), List.of(), bytes(edited),
                    expectation(project, HELLO_EVENT, sampleName, name, correlationId)));
        }
        return sent;
    }

    private static List<Sent> orderBatch(GeneratedProject project, int batch, int size) {
        JsonNode event = event(project, CREATE_ORDER_EVENT);
        ObjectNode order;
        try {
            order = (ObjectNode) JSON.readTree(event.path("body").asText());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new AssertionError("events/" + CREATE_ORDER_EVENT + " has no JSON object as its body to vary", e);
        }
        String sampleItem = order.path("item").asText();
        List<Sent> sent = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String item = sampleItem + "-b" + batch + "-i" + i;
            String correlationId = "concurrency-b" + batch + "-i" + i;
            ObjectNode edited = EventEdits.withHeader(EventEdits.withBody(event, order.deepCopy().put("item", item)
                    .toString()), CORRELATION_HEADER, correlationId);
            sent.add(new Sent("POST /orders {\"item\":\"" + item + "\"} with " + CORRELATION_HEADER + " " + correlationId,
                    Optional.of(correlationId), List.of(), bytes(edited),
                    expectation(project, CREATE_ORDER_EVENT, sampleItem, item, correlationId)));
        }
        return sent;
    }

    /** The SQS batch in events/ that expected.json says is stored whole (no batchItemFailures). */
    private static String storedWholeBatch(GeneratedProject project, String description) {
        return project.expectations().entrySet().stream()
                .filter(entry -> entry.getValue().source() == Expectation.Source.SQS
                        && entry.getValue().asWritten().path("batchItemFailures").isEmpty())
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst()
                .orElseThrow(() -> new AssertionError(description + ": no SQS batch in events/ that expected.json says is "
                        + "stored whole (\"batchItemFailures\": []) to build concurrent batches from"));
    }

    /** Copies of an SQS batch whose messages have ids and items of their own. */
    private static List<Sent> sqsBatch(GeneratedProject project, String eventName, int batch, int size) {
        JsonNode event = event(project, eventName);
        List<Sent> sent = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            ObjectNode edited = event.deepCopy();
            List<String> messageIds = new ArrayList<>();
            int m = 0;
            for (JsonNode record : edited.path("Records")) {
                String messageId = "concurrency-b" + batch + "-i" + i + "-m" + ++m;
                messageIds.add(messageId);
                ObjectNode message = (ObjectNode) record;
                message.put("messageId", messageId);
                JsonNode body = parse(message.path("body").asText());
                if (body instanceof ObjectNode order && order.path("item").isTextual()) {
                    message.put("body", order.put("item", order.path("item").asText() + "-" + messageId).toString());
                    message.remove("md5OfBody"); // no longer the body's
                }
            }
            sent.add(new Sent("SQS batch " + messageIds, Optional.empty(), List.copyOf(messageIds), bytes(edited),
                    project.expectations().get(eventName)));
        }
        return sent;
    }

    /**
     * The sample event's expectation with its sample value in the body replaced by this
     * invocation's, and this invocation's correlation id as the header to echo.
     */
    private static Expectation expectation(GeneratedProject project, String eventName, String sampleValue, String value,
            String correlationId) {
        ObjectNode written = project.expectations().get(eventName).asWritten().deepCopy();
        try {
            written.set("body", JSON.readTree(written.path("body").toString().replace(sampleValue, value)));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        ObjectNode headers = written.get("headers") instanceof ObjectNode existing ? existing : written.putObject("headers");
        List<String> names = new ArrayList<>();
        headers.fieldNames().forEachRemaining(names::add);
        names.stream().filter(CORRELATION_HEADER::equalsIgnoreCase).forEach(headers::remove);
        headers.put(CORRELATION_HEADER, correlationId);
        return Expectation.parse(eventName, written);
    }

    /** The answer's JSON when it meets the invocation's expectation; otherwise why not, in failures. */
    private static Optional<JsonNode> judge(String batchName, Sent sent, RuntimeApiServer.Answer answer,
            List<String> failures) {
        String invocation = batchName + ", " + sent.what();
        if (!(answer instanceof RuntimeApiServer.Answer.Response response)) {
            failures.add(invocation + ": " + answer);
            return Optional.empty();
        }
        JsonNode parsed = parse(response.body());
        if (parsed.isMissingNode()) {
            failures.add(invocation + ": the answer is not JSON: " + response.body());
            return Optional.empty();
        }
        List<String> mismatches = sent.expectation().mismatches(parsed);
        if (!mismatches.isEmpty()) {
            failures.add(invocation + ": " + String.join("; ", mismatches));
            return Optional.empty();
        }
        return Optional.of(parsed);
    }

    /**
     * GET /orders after a batch of creates: every order the batch created is listed, once. The
     * route lists the newest page (OrderRepository.PAGE_SIZE, 100, newest first), which holds a
     * batch's orders, the newest, as long as the batch is no larger.
     *
     * @return how many of the batch's orders were listed
     */
    private static int ordersListed(GeneratedProject project, String batchName, List<Sent> sent, List<JsonNode> answers,
            RuntimeApiServer runtimeApi, Duration timeout, List<String> failures) {
        Set<String> createdIds = new HashSet<>();
        for (JsonNode answer : answers) {
            String id = body(answer).path("id").asText();
            if (!createdIds.add(id)) {
                failures.add(batchName + ": two concurrent POST /orders were answered with the same order id " + id);
            }
        }
        if (answers.size() < sent.size()) {
            return 0; // the wrong answers are reported already; the list cannot tell more
        }
        RuntimeApiServer.Answer list = runtimeApi.invoke(project.eventBytes(LIST_ORDERS_EVENT), timeout);
        JsonNode listed = list instanceof RuntimeApiServer.Answer.Response response ? body(parse(response.body()))
                : JSON.missingNode();
        if (!listed.isArray()) {
            failures.add("GET /orders (events/" + LIST_ORDERS_EVENT + ") after " + batchName + " did not answer with a "
                    + "JSON array: " + list);
            return 0;
        }
        Set<String> listedIds = new HashSet<>();
        listed.forEach(order -> listedIds.add(order.path("id").asText()));
        List<String> missing = createdIds.stream().filter(id -> !listedIds.contains(id)).sorted().toList();
        if (!missing.isEmpty()) {
            failures.add("GET /orders after " + batchName + " lists " + listed.size() + " orders, but not " + missing.size()
                    + " of the " + createdIds.size() + " just created concurrently (ids " + missing + "): not all were stored");
        }
        return createdIds.size() - missing.size();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }

    /** An API Gateway answer's body, parsed. */
    private static JsonNode body(JsonNode answer) {
        return parse(answer.path("body").asText());
    }

    private static JsonNode event(GeneratedProject project, String eventName) {
        try {
            return JSON.readTree(project.eventBytes(eventName));
        } catch (IOException e) {
            throw new AssertionError("events/" + eventName + " is not JSON", e);
        }
    }

    private static byte[] bytes(JsonNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> readLines(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first few of {@code failures}, one per line, and how many more there are. */
    private static String listed(List<String> failures, String more) {
        List<String> listed = failures.stream().limit(LISTED_FAILURES).toList();
        return listed.stream().map(failure -> "\n  - " + failure).reduce("", String::concat)
                + (failures.size() > listed.size() ? "\n  - and " + (failures.size() - listed.size()) + " " + more : "");
    }

    private static AssertionError failed(String description, String failures, ChildProcess runtime) {
        runtime.close(); // so the output tail is complete
        return new AssertionError(description + " broke the concurrency contract (overlapping invocations, as on "
                + "Lambda Managed Instances):" + failures + "\n" + runtime.outputTail());
    }
}
