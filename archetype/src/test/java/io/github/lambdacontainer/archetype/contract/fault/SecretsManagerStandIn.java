package io.github.lambdacontainer.archetype.contract.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for AWS Secrets Manager on 127.0.0.1, for a function whose SDK is pointed at it with
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}: it answers GetSecretValue (the JSON 1.1 protocol the
 * SDK speaks) for one secret ARN with the secret strings it was given, one per call and the last
 * one from then on, as a secret looks across a rotation; and it records each call. Any other
 * operation or secret gets the service's error. {@link #close()} takes it down: its port then
 * refuses connections, as an unreachable endpoint does.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    /** One GetSecretValue call as received: the operation, the SecretId, whether it was SigV4-signed. */
    public record Call(String target, String secretId, boolean signed) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secretArn;
    private final Deque<String> secretStrings;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private SecretsManagerStandIn(String secretArn, List<String> secretStrings) throws IOException {
        this.secretArn = secretArn;
        this.secretStrings = new ArrayDeque<>(secretStrings);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
    }

    /** Listens on a free port of 127.0.0.1 for {@code secretArn}, which holds {@code secretStrings} in turn. */
    public static SecretsManagerStandIn start(String secretArn, List<String> secretStrings) {
        if (secretStrings.isEmpty()) {
            throw new IllegalArgumentException("the secret needs at least one value");
        }
        try {
            SecretsManagerStandIn standIn = new SecretsManagerStandIn(secretArn, secretStrings);
            standIn.server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What AWS_ENDPOINT_URL_SECRETS_MANAGER is set to. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every call received so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String secretId = request == null ? "" : request.path("SecretId").asText();
            calls.add(new Call(target, secretId, authorization.startsWith("AWS4-HMAC-SHA256 ")));
            ObjectNode body = JSON.createObjectNode();
            int status;
            if (!target.equals("secretsmanager.GetSecretValue")) {
                status = 400;
                body.put("__type", "UnknownOperationException");
            } else if (!secretId.equals(secretArn)) {
                status = 400;
                body.put("__type", "ResourceNotFoundException").put("message", "Secrets Manager can't find the specified secret.");
            } else {
                status = 200;
                body.put("ARN", secretArn).put("Name", secretArn.substring(secretArn.lastIndexOf(':') + 1))
                        .put("VersionId", UUID.randomUUID().toString()).put("SecretString", nextSecretString())
                        .put("CreatedDate", System.currentTimeMillis() / 1000.0);
                body.putArray("VersionStages").add("AWSCURRENT");
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private synchronized String nextSecretString() {
        return secretStrings.size() > 1 ? secretStrings.poll() : secretStrings.peek();
    }

    /** A Secrets Manager secret string as RDS keeps one: the login among other keys. */
    public static String secretString(String username, String password) {
        ObjectNode secret = JSON.createObjectNode().put("engine", "mysql").put("host", "db.example.internal")
                .put("username", username).put("password", password);
        return new String(writeBytes(secret), StandardCharsets.UTF_8);
    }

    private static byte[] writeBytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
