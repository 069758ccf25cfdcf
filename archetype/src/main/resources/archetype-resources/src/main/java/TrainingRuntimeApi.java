package ${package};

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Lambda Runtime API, as much of it as the image build's training run needs
 * ({@link StartupTraining}): {@code GET /2018-06-01/runtime/invocation/next} hands out the sample
 * events one at a time, with the headers Lambda sends; {@code POST .../invocation/{id}/response} and
 * {@code .../invocation/{id}/error} take the answers, {@code POST .../init/error} a failed init.
 * Plain HTTP/1.1 on a {@link ServerSocket} (keep-alive, bodies with a Content-Length: what the
 * runtime interface client's libcurl and HttpURLConnection send), rather than the JDK's
 * com.sun.net.httpserver, which the Lambda base image's Java runtime need not have. Never runs in Lambda.
 */
final class TrainingRuntimeApi implements AutoCloseable {

    /** A sample event: its file name, for messages, and its bytes. */
    record Event(String name, byte[] body) {}

    private static final String NEXT = "/2018-06-01/runtime/invocation/next";
    private static final String INVOCATION = "/2018-06-01/runtime/invocation/";
    private static final String INIT_ERROR = "/2018-06-01/runtime/init/error";
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:startup-training";
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    /** From the start to the client's first poll: the JVM, the runtime interface client and the handler's init. */
    private final Duration initBound;
    /** From handing an event out to its answer, and from an answer to the next poll. */
    private final Duration answerBound;
    private final String address;
    private final List<Event> events;
    private final ServerSocket server;

    // Guarded by this.
    private boolean polled;
    private int handedOut;
    private String inFlightId;
    private int answered;
    private String failure;
    private boolean closed;
    private long lastProgressNanos = System.nanoTime();

    private TrainingRuntimeApi(String address, List<Event> events, ServerSocket server, Duration initBound,
            Duration answerBound) {
        this.address = address;
        this.events = List.copyOf(events);
        this.server = server;
        this.initBound = initBound;
        this.answerBound = answerBound;
    }

    /**
     * Listens on {@code address} (host:port, what AWS_LAMBDA_RUNTIME_API says) and serves {@code events}
     * in this order; throws {@link java.net.BindException} when the address is taken.
     */
    static TrainingRuntimeApi start(String address, List<Event> events, Duration initBound, Duration answerBound)
            throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API=" + address + " is not host:port");
        }
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName(address.substring(0, colon)),
                    Integer.parseInt(address.substring(colon + 1))), 64);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        TrainingRuntimeApi api = new TrainingRuntimeApi(address, events, server, initBound, answerBound);
        daemon("training-runtime-api", api::acceptConnections).start();
        return api;
    }

    /**
     * Waits until every event has been answered, and returns empty; or returns what went wrong: the
     * function failed an event or its init, or the client did not poll or answer in time.
     */
    synchronized Optional<String> awaitAnswers() throws InterruptedException {
        while (failure == null && answered < events.size()) {
            Duration bound = polled ? answerBound : initBound;
            long waitedNanos = System.nanoTime() - lastProgressNanos;
            long leftMillis = bound.toMillis() - waitedNanos / 1_000_000;
            if (leftMillis <= 0) {
                fail(stalled(bound));
                break;
            }
            wait(leftMillis);
        }
        return Optional.ofNullable(failure);
    }

    private String stalled(Duration bound) {
        String waited = " within " + bound.toSeconds() + " s";
        if (!polled) {
            return "the runtime interface client did not ask for an event (GET " + NEXT + " on " + address + ")"
                    + waited + " of the training's start: the handler's init did not finish, or the client does "
                    + "not reach AWS_LAMBDA_RUNTIME_API";
        }
        if (inFlightId != null) {
            return "event " + events.get(handedOut - 1).name() + " was not answered" + waited;
        }
        return "after event " + events.get(handedOut - 1).name() + " the runtime interface client did not ask for "
                + "the next one" + waited;
    }

    /** Records the first failure, says it at once (the client may exit right after) and wakes the waiter. */
    private synchronized void fail(String reason) {
        if (failure == null) {
            failure = reason;
            System.err.println("StartupTraining: " + reason);
        }
        notifyAll();
    }

    /** The next event for a poll, when it is its turn: one at a time, each after the previous one's answer. */
    private synchronized Optional<Map.Entry<String, Event>> awaitNextEvent() throws InterruptedException {
        if (!polled) {
            polled = true;
            lastProgressNanos = System.nanoTime();
            notifyAll();
        }
        // Past the last event a poll waits, as on Lambda, until the training ends the JVM.
        while (!closed && failure == null && (inFlightId != null || handedOut == events.size())) {
            wait();
        }
        if (closed || failure != null) {
            return Optional.empty();
        }
        inFlightId = UUID.randomUUID().toString();
        lastProgressNanos = System.nanoTime();
        return Optional.of(Map.entry(inFlightId, events.get(handedOut++)));
    }

    private synchronized void answered(String requestId) {
        if (!requestId.equals(inFlightId)) {
            fail("the runtime interface client answered request " + requestId + ", which is not the one in flight ("
                    + inFlightId + ")");
            return;
        }
        inFlightId = null;
        answered++;
        lastProgressNanos = System.nanoTime();
        notifyAll();
    }

    private synchronized String eventOf(String requestId) {
        return requestId.equals(inFlightId) ? "event " + events.get(handedOut - 1).name() : "request " + requestId;
    }

    private void acceptConnections() {
        while (true) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            daemon("training-runtime-api-connection", () -> serve(connection)).start();
        }
    }

    /** One connection, request after request (the client keeps it alive), until the client closes it. */
    private void serve(Socket connection) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream()) {
            while (true) {
                Optional<Request> request = Request.read(in);
                if (request.isEmpty()) {
                    return;
                }
                if (!handle(request.get(), out)) {
                    return;
                }
            }
        } catch (ProtocolException e) {
            fail("the runtime interface client sent what the training's Runtime API cannot read: " + e.getMessage());
        } catch (IOException e) {
            // the connection broke; an answer lost with it shows as a stall
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers one request; false when the connection must close. */
    private boolean handle(Request request, OutputStream out) throws IOException, InterruptedException {
        String path = request.path();
        if (request.method().equals("GET") && path.equals(NEXT)) {
            Optional<Map.Entry<String, Event>> next = awaitNextEvent();
            if (next.isEmpty()) {
                respond(out, 500, "Internal Server Error", "{\"errorMessage\":\"the training is over\"}", Map.of());
                return false;
            }
            Map<String, String> headers = new HashMap<>();
            headers.put("Lambda-Runtime-Aws-Request-Id", next.get().getKey());
            headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + answerBound.toMillis()));
            headers.put("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
            headers.put("Lambda-Runtime-Trace-Id", traceId());
            respond(out, 200, "OK", next.get().getValue().body(), headers);
            return true;
        }
        if (request.method().equals("POST") && path.startsWith(INVOCATION) && path.endsWith("/response")) {
            answered(path.substring(INVOCATION.length(), path.length() - "/response".length()));
            respond(out, 202, "Accepted", "{\"status\":\"OK\"}", Map.of());
            return true;
        }
        if (request.method().equals("POST") && path.startsWith(INVOCATION) && path.endsWith("/error")) {
            fail(eventOf(path.substring(INVOCATION.length(), path.length() - "/error".length()))
                    + ": the function failed instead of answering (" + request.header("lambda-runtime-function-error-type")
                    + "): " + request.bodyText());
            respond(out, 202, "Accepted", "{\"status\":\"OK\"}", Map.of());
            return true;
        }
        if (request.method().equals("POST") && path.equals(INIT_ERROR)) {
            fail("the handler failed to initialise (" + request.header("lambda-runtime-function-error-type") + "): "
                    + request.bodyText());
            respond(out, 202, "Accepted", "{\"status\":\"OK\"}", Map.of());
            return true;
        }
        fail("the runtime interface client sent " + request.method() + " " + path
                + ", which the training's Runtime API does not serve");
        respond(out, 404, "Not Found", "{\"errorMessage\":\"not served here\"}", Map.of());
        return true;
    }

    /** An X-Ray trace header of Lambda's form: Root=1-{8 hex seconds}-{24 hex};Parent={16 hex};Sampled=0. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + hex.toHexDigits(random.nextInt()) + hex.toHexDigits(random.nextLong())
                + ";Parent=" + hex.toHexDigits(random.nextLong()) + ";Sampled=0";
    }

    private static void respond(OutputStream out, int status, String reason, String body, Map<String, String> headers)
            throws IOException {
        respond(out, status, reason, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void respond(OutputStream out, int status, String reason, byte[] body, Map<String, String> headers)
            throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
        head.append("Content-Type: application/json\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.close();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One HTTP/1.1 request: its method, path, headers (names in lower case) and body. */
    private record Request(String method, String path, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.getOrDefault(name, "no " + name + " header");
        }

        String bodyText() {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() <= 1000 ? text : text.substring(0, 1000) + "...";
        }

        /** The next request on the connection; empty when the client closed it between requests. */
        static Optional<Request> read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int lastFour = 0; // the last four bytes read: the headers end at CR LF CR LF
            while (lastFour != 0x0D0A0D0A) {
                int next = in.read();
                if (next < 0) {
                    if (head.size() == 0) {
                        return Optional.empty();
                    }
                    throw new ProtocolException("the connection closed inside a request's headers");
                }
                head.write(next);
                lastFour = lastFour << 8 | next;
                if (head.size() > MAX_HEADER_BYTES) {
                    throw new ProtocolException("a request's headers exceed " + MAX_HEADER_BYTES + " bytes");
                }
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3) {
                throw new ProtocolException("not an HTTP request line: " + lines[0]);
            }
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            if (headers.containsKey("transfer-encoding")) {
                throw new ProtocolException("a chunked request body, which the training's Runtime API does not read");
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new ProtocolException("the connection closed inside a request's body");
            }
            return Optional.of(new Request(requestLine[0], requestLine[1], headers, body));
        }
    }
}
