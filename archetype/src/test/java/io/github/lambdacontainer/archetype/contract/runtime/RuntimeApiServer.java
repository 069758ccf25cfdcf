package io.github.lambdacontainer.archetype.contract.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Lambda Runtime API (the endpoints a runtime client talks to:
 * {@code /2018-06-01/runtime/invocation/next}, {@code .../{id}/response}, {@code .../{id}/error},
 * {@code /2018-06-01/runtime/init/error}, and for SnapStart {@code /2018-06-01/runtime/restore/next}
 * and {@code .../restore/error}), plus the Runtime Interface Emulator's invoke endpoint
 * {@code POST /2015-03-31/functions/function/invocations}, which is what {@code scripts/invoke.sh}
 * calls. Bound to 127.0.0.1 on a free port, so several can run at once.
 */
public final class RuntimeApiServer implements AutoCloseable {

    static final String RIE_INVOKE_PATH = "/2015-03-31/functions/function/invocations";
    private static final String RUNTIME = "/2018-06-01/runtime";
    private static final Pattern RESULT_PATH = Pattern.compile(RUNTIME + "/invocation/([^/]+)/(response|error)");

    /** What came back for one invocation. */
    public sealed interface Answer {
        /** The function's result, posted to {@code /invocation/{id}/response}. */
        record Response(String body) implements Answer {}

        /** Posted to {@code /invocation/{id}/error} with a {@code Lambda-Runtime-Function-Error-Type}. */
        record FunctionError(String errorType, String body) implements Answer {}

        /** Posted to {@code /init/error}: the function could not even start. */
        record InitError(String errorType, String body) implements Answer {}

        /** Nothing came back in time, or the runtime process ended. */
        record NoAnswer(String reason) implements Answer {}
    }

    private record Invocation(String requestId, byte[] event, CompletableFuture<Answer> answer) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final Duration functionTimeout;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    /** The gate of each invocation handed out as part of a batch, by request id. */
    private final Map<String, BatchGate> gates = new ConcurrentHashMap<>();
    private final AtomicReference<Answer.InitError> initError = new AtomicReference<>();
    private final AtomicLong firstAnswerNanos = new AtomicLong();
    private final AtomicLong restoreRequestedNanos = new AtomicLong();
    private volatile BooleanSupplier runtimeAlive = () -> true;
    private volatile Duration rieInvokeTimeout = Duration.ofSeconds(60);
    private volatile boolean closed;

    private RuntimeApiServer(HttpServer server, ExecutorService executor, String functionArn, Duration functionTimeout) {
        this.server = server;
        this.executor = executor;
        this.functionArn = functionArn;
        this.functionTimeout = functionTimeout;
    }

    public static RuntimeApiServer start(String functionArn, Duration functionTimeout) {
        try {
            // A backlog for a runtime client polling from many threads (AWS_LAMBDA_MAX_CONCURRENCY).
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            // /next blocks until an event is queued, so every request needs its own thread.
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> Thread.ofPlatform().daemon()
                    .name("runtime-api-" + server.getAddress().getPort()).unstarted(runnable));
            RuntimeApiServer api = new RuntimeApiServer(server, executor, functionArn, functionTimeout);
            server.createContext("/", api::handle);
            server.setExecutor(executor);
            server.start();
            return api;
        } catch (IOException e) {
            throw new AssertionError("cannot start the local Lambda Runtime API: " + e.getMessage(), e);
        }
    }

    /** The value of AWS_LAMBDA_RUNTIME_API: host and port, no scheme. */
    public String runtimeApiAddress() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public URI rieInvokeUri() {
        return URI.create("http://" + runtimeApiAddress() + RIE_INVOKE_PATH);
    }

    /** Lets invocations fail fast, rather than time out, when the runtime process has ended. */
    public void watchRuntime(BooleanSupplier alive, Duration rieTimeout) {
        this.runtimeAlive = alive;
        this.rieInvokeTimeout = rieTimeout;
    }

    /**
     * When the runtime asked for {@code /restore/next} (a SnapStart initialisation, after its
     * beforeCheckpoint hooks ran), 0 if it never did.
     */
    public long restoreRequestedNanos() {
        return restoreRequestedNanos.get();
    }

    /** System.nanoTime() of the first response or error the runtime posted, 0 before that. */
    public long firstAnswerNanos() {
        return firstAnswerNanos.get();
    }

    /** Queues {@code event} for {@code /next} and waits up to {@code timeout} for the runtime's answer. */
    public Answer invoke(byte[] event, Duration timeout) {
        Answer.InitError failedInit = initError.get();
        if (failedInit != null) {
            return failedInit;
        }
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        pending.add(invocation);
        try {
            return awaitAnswer(invocation, System.nanoTime() + timeout.toNanos(), timeout);
        } finally {
            pending.remove(invocation);
            inFlight.remove(invocation.requestId());
        }
    }

    /**
     * What {@link #invokeBatch} measured.
     *
     * @param pollersAtGate               how many of the batch's events pollers had taken when the
     *                                    first of them was handed out: the batch's size, unless the
     *                                    gate's wait ran out first
     * @param maxInFlightBeforeFirstAnswer the most of the batch's invocations handed out and not yet
     *                                    answered before the runtime posted the batch's first answer
     * @param answers                     one per event, in the events' order
     * @param nanos                       from queuing the batch to its last answer
     */
    public record Batch(int pollersAtGate, int maxInFlightBeforeFirstAnswer, List<Delivered> answers, long nanos) {}

    /** One invocation of a batch: the request id it was handed out with, and what came back. */
    public record Delivered(String requestId, Answer answer) {}

    /**
     * Invokes the function with all {@code events} at once, as Lambda Managed Instances hands
     * invocations to an environment serving many: every event is queued together, and none is
     * handed out until a poller waiting on {@code /next} has taken each one (or {@code gateWait}
     * has passed), so all of them are in flight before any answer can come back. Answers are
     * matched by request id; each waits up to {@code timeout} after the gate.
     */
    public Batch invokeBatch(List<byte[]> events, Duration gateWait, Duration timeout) {
        Answer.InitError failedInit = initError.get();
        if (failedInit != null) {
            return new Batch(0, 0, events.stream().map(event -> new Delivered("", failedInit)).toList(), 0);
        }
        BatchGate gate = new BatchGate(events.size(), System.nanoTime() + gateWait.toNanos());
        List<Invocation> invocations = events.stream()
                .map(event -> new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>()))
                .toList();
        invocations.forEach(invocation -> gates.put(invocation.requestId(), gate));
        long started = System.nanoTime();
        pending.addAll(invocations);
        try {
            List<Delivered> answers = new ArrayList<>();
            for (Invocation invocation : invocations) {
                answers.add(new Delivered(invocation.requestId(),
                        awaitAnswer(invocation, gate.deadlineNanos + timeout.toNanos(), timeout)));
            }
            return new Batch(Math.max(0, gate.pollersAtGate.get()), gate.maxInFlightBeforeFirstAnswer.get(), List.copyOf(answers),
                    System.nanoTime() - started);
        } finally {
            for (Invocation invocation : invocations) {
                pending.remove(invocation);
                inFlight.remove(invocation.requestId());
                gates.remove(invocation.requestId());
            }
        }
    }

    /** Holds each poller of a batch until every event of the batch is taken, and counts what is in flight. */
    private static final class BatchGate {
        private final CountDownLatch untaken;
        private final int size;
        private final long deadlineNanos;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlightBeforeFirstAnswer = new AtomicInteger();
        private final AtomicInteger pollersAtGate = new AtomicInteger(-1);
        private volatile boolean answered;

        BatchGate(int size, long deadlineNanos) {
            this.untaken = new CountDownLatch(size);
            this.size = size;
            this.deadlineNanos = deadlineNanos;
        }

        void takenAwaitingTheOthers() throws InterruptedException {
            int now = inFlight.incrementAndGet();
            if (!answered) {
                maxInFlightBeforeFirstAnswer.accumulateAndGet(now, Math::max);
            }
            untaken.countDown();
            untaken.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            pollersAtGate.compareAndSet(-1, (int) (size - untaken.getCount()));
        }

        void answered() {
            answered = true;
            inFlight.decrementAndGet();
        }
    }

    /** Waits for the runtime's answer until {@code deadline}, failing fast when the runtime has ended. */
    private Answer awaitAnswer(Invocation invocation, long deadline, Duration timeout) {
        try {
            while (true) {
                try {
                    return invocation.answer().get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (!runtimeAlive.getAsBoolean()) {
                        return invocation.answer().getNow(new Answer.NoAnswer(
                                "the runtime process ended before answering"));
                    }
                    if (System.nanoTime() > deadline) {
                        return new Answer.NoAnswer("no answer within " + timeout.toSeconds() + " s");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.NoAnswer("interrupted while waiting for the answer");
        } catch (ExecutionException e) {
            return new Answer.NoAnswer("failed: " + e.getCause());
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher result = RESULT_PATH.matcher(path);
            if (method.equals("GET") && path.equals(RUNTIME + "/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && result.matches()) {
                result(exchange, result.group(1), result.group(2).equals("error"));
            } else if (method.equals("POST") && (path.equals(RUNTIME + "/init/error")
                    || path.equals(RUNTIME + "/restore/error"))) {
                initError(exchange);
            } else if (method.equals("GET") && path.equals(RUNTIME + "/restore/next")) {
                // The snapshot is taken here; this restores it at once, in the same process.
                restoreRequestedNanos.compareAndSet(0, System.nanoTime());
                respond(exchange, 200, "");
            } else if (method.equals("POST") && path.equals(RIE_INVOKE_PATH)) {
                rieInvoke(exchange);
            } else {
                respond(exchange, 404, "{\"errorMessage\":\"unknown endpoint " + method + " " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = pending.poll(250, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            return; // shutting down; the runtime process is being killed anyway
        }
        inFlight.put(invocation.requestId(), invocation);
        BatchGate gate = gates.get(invocation.requestId());
        if (gate != null) {
            try {
                gate.takenAwaitingTheOthers();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + invocation.requestId().replace("-", "").substring(0, 24) + ";Parent=0000000000000001;Sampled=0");
        exchange.sendResponseHeaders(200, invocation.event().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(invocation.event());
        }
    }

    private void result(HttpExchange exchange, String requestId, boolean isError) throws IOException {
        String body = readBody(exchange);
        firstAnswerNanos.compareAndSet(0, System.nanoTime());
        Invocation invocation = inFlight.get(requestId);
        if (invocation == null) {
            respond(exchange, 400, "{\"errorMessage\":\"unknown request id " + requestId + "\"}");
            return;
        }
        BatchGate gate = gates.get(requestId);
        if (gate != null) {
            gate.answered();
        }
        invocation.answer().complete(isError
                ? new Answer.FunctionError(errorType(exchange), body)
                : new Answer.Response(body));
        respond(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void initError(HttpExchange exchange) throws IOException {
        Answer.InitError error = new Answer.InitError(errorType(exchange), readBody(exchange));
        initError.compareAndSet(null, error);
        firstAnswerNanos.compareAndSet(0, System.nanoTime());
        pending.forEach(invocation -> invocation.answer().complete(error));
        inFlight.values().forEach(invocation -> invocation.answer().complete(error));
        respond(exchange, 202, "{\"status\":\"OK\"}");
    }

    /** Like the emulator: the event is the request body, the function's answer is the response body. */
    private void rieInvoke(HttpExchange exchange) throws IOException {
        byte[] event = exchange.getRequestBody().readAllBytes();
        switch (invoke(event, rieInvokeTimeout)) {
            case Answer.Response response -> respond(exchange, 200, response.body());
            case Answer.FunctionError error -> respond(exchange, 200, error.body());
            case Answer.InitError error -> respond(exchange, 200, error.body());
            case Answer.NoAnswer none -> respond(exchange, 502, "{\"errorMessage\":\"" + none.reason() + "\"}");
        }
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null ? "" : type;
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
