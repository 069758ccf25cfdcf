package io.github.lambdacontainer.archetype.contract.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.expectation.ApiGatewayResponseExpectation;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeApiServer.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a function answered a hostile event as it must: an API event with an API Gateway
 * response (never a function error, never no answer), a client error for what the client got
 * wrong (4xx, not 5xx: nothing here is the server's fault, and the database is up), every error
 * as problem JSON that tells nothing of the code behind it; an SQS batch with a
 * {@code batchItemFailures} answer that names every broken order and no intact one.
 */
public final class HostileEventVerdict {

    /** Stack-trace frames, exception class names and the packages of the libraries in the image. */
    private static final Pattern INTERNALS = Pattern.compile("Exception\\b|\\bat [\\w$.]+\\(|\\.java:\\d+|"
            + "\\b(java|javax|jakarta|sun|com\\.amazonaws|com\\.fasterxml|org\\.springframework|org\\.glassfish|"
            + "org\\.apache|org\\.h2|com\\.zaxxer)\\.[a-z]");
    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private HostileEventVerdict() {}

    /** The status code of an API answer, or what came back instead (for the report's counts). */
    public static String outcome(Answer answer) {
        return switch (answer) {
            case Answer.Response response -> response(response).map(r -> r.path("statusCode"))
                    .filter(JsonNode::isInt).map(JsonNode::asText).orElse("not an API Gateway response");
            case Answer.FunctionError error -> "function error " + error.errorType();
            case Answer.InitError error -> "init error " + error.errorType();
            case Answer.NoAnswer none -> "no answer";
        };
    }

    /** What is wrong with {@code answer} to {@code event}, if anything. */
    public static Optional<String> apiProblem(HostileEvents.ApiEvent event, Answer answer) {
        if (!(answer instanceof Answer.Response reply)) {
            return Optional.of("answered with " + describe(answer) + " instead of an API Gateway response");
        }
        Optional<JsonNode> parsed = response(reply);
        if (parsed.isEmpty()) {
            return Optional.of("answered with something that is no JSON object: " + abbreviate(reply.body()));
        }
        JsonNode response = parsed.get();
        JsonNode status = response.get("statusCode");
        if (status == null || !status.isInt() || status.asInt() < 100 || status.asInt() > 599) {
            return Optional.of("the response has no HTTP status code (statusCode " + status + ")");
        }
        JsonNode headers = response.path("headers");
        if (!headers.isMissingNode() && !headers.isNull() && !(headers.isObject()
                && headers.valueStream().allMatch(JsonNode::isTextual))) {
            return Optional.of("the response's headers are not an object of texts: " + abbreviate(headers.toString()));
        }
        int code = status.asInt();
        if (code >= 500 && code != 503) {
            return Optional.of("answered " + code + ", a server error for a request the client got wrong");
        }
        if (event.kind() == HostileEvents.Kind.INVALID_BASE64 && code != 400) {
            return Optional.of("answered " + code + " to a body that is no base64 though isBase64Encoded says it is; "
                    + "that is a bad request: 400");
        }
        if (code < 400) {
            return Optional.empty();
        }
        return problemJsonProblem(response, code);
    }

    /** Why an error response is not RFC 9457 problem JSON without internals, if it is not. */
    static Optional<String> problemJsonProblem(JsonNode response, int code) {
        String contentType = ApiGatewayResponseExpectation.headerValues(response, "Content-Type").stream()
                .findFirst().orElse("");
        if (!contentType.startsWith("application/problem+json")) {
            return Optional.of("a " + code + " with Content-Type '" + contentType + "', not application/problem+json");
        }
        String body = body(response);
        if (INTERNALS.matcher(body).find()) {
            return Optional.of("the " + code + " body tells of the code behind it: " + abbreviate(body));
        }
        JsonNode problem;
        try {
            problem = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.of("the " + code + " body is no JSON: " + abbreviate(body));
        }
        if (problem == null || !problem.isObject() || problem.path("status").asInt() != code
                || !problem.path("title").isTextual()) {
            return Optional.of("the " + code + " body is no problem JSON (an object with status " + code
                    + " and a title): " + abbreviate(body));
        }
        return Optional.empty();
    }

    /** What is wrong with the worker's {@code answer} to {@code batch}, if anything. */
    public static Optional<String> sqsProblem(HostileEvents.SqsBatch batch, Answer answer) {
        if (!(answer instanceof Answer.Response reply)) {
            return Optional.of("answered with " + describe(answer) + " instead of a batch response: the whole batch "
                    + "fails and comes back");
        }
        JsonNode response;
        try {
            response = STRICT_JSON.readTree(reply.body());
        } catch (JsonProcessingException e) {
            return Optional.of("answered with no JSON: " + abbreviate(reply.body()));
        }
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || !failures.isArray()) {
            return Optional.of("answered without a batchItemFailures array: " + abbreviate(reply.body()));
        }
        Set<String> reported = new HashSet<>();
        failures.forEach(failure -> reported.add(failure.path("itemIdentifier").asText()));
        List<String> problems = new ArrayList<>();
        batch.brokenOrders().stream().filter(id -> !reported.contains(id)).forEach(id -> problems.add(
                id + " (a broken order) is not in batchItemFailures"));
        batch.intactOrders().stream().filter(reported::contains).forEach(id -> problems.add(
                id + " (an intact order) is in batchItemFailures"));
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static Optional<JsonNode> response(Answer.Response reply) {
        try {
            JsonNode response = STRICT_JSON.readTree(reply.body());
            return response != null && response.isObject() ? Optional.of(response) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String body(JsonNode response) {
        String body = response.path("body").asText("");
        if (response.path("isBase64Encoded").asBoolean(false)) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return body;
            }
        }
        return body;
    }

    private static String describe(Answer answer) {
        return switch (answer) {
            case Answer.Response response -> "a response";
            case Answer.FunctionError error -> "a function error " + error.errorType() + " " + abbreviate(error.body());
            case Answer.InitError error -> "an init error " + error.errorType() + " " + abbreviate(error.body());
            case Answer.NoAnswer none -> "no answer (" + none.reason() + ")";
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
