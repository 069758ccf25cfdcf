package io.github.lambdacontainer.archetype.contract.expectation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The expected API Gateway proxy response for one event: {@code statusCode} equal; {@code body}
 * (optional) matched against the response body parsed as JSON, where an object needs at least the
 * expected keys, an array needs its first N elements to match the N expected ones ({@code []} is
 * any array), {@code "<any>"} is any non-null value and other scalars are equal; {@code headers}
 * (optional) present with that value, names compared case-insensitively, looking in both
 * {@code headers} and {@code multiValueHeaders}, {@code "<any>"} being any non-empty value.
 */
public final class ApiGatewayResponseExpectation implements Expectation {

    static final String ANY = "<any>";
    private static final Set<String> KEYS = Set.of("statusCode", "body", "headers");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode written;
    private final int statusCode;
    private final JsonNode body;
    private final Map<String, String> headers;

    private ApiGatewayResponseExpectation(JsonNode written, int statusCode, JsonNode body, Map<String, String> headers) {
        this.written = written;
        this.statusCode = statusCode;
        this.body = body;
        this.headers = headers;
    }

    static ApiGatewayResponseExpectation parse(String eventName, JsonNode written) {
        String where = "events/expected.json: " + eventName;
        written.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new AssertionError(where + " has the unknown key \"" + key + "\"; allowed are " + KEYS);
            }
        });
        JsonNode status = written.get("statusCode");
        if (status == null || !status.canConvertToInt() || !status.isIntegralNumber()) {
            throw new AssertionError(where + " needs an integer statusCode but has " + status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode writtenHeaders = written.get("headers");
        if (writtenHeaders != null) {
            if (!writtenHeaders.isObject()) {
                throw new AssertionError(where + ": headers must be an object of name to value but is " + writtenHeaders);
            }
            writtenHeaders.properties().forEach(header -> {
                if (!header.getValue().isTextual()) {
                    throw new AssertionError(where + ": header " + header.getKey() + " must be a string but is "
                            + header.getValue());
                }
                headers.put(header.getKey(), header.getValue().asText());
            });
        }
        return new ApiGatewayResponseExpectation(written, status.intValue(), written.get("body"),
                java.util.Collections.unmodifiableMap(headers)); // keeps the written order for messages
    }

    @Override
    public JsonNode asWritten() {
        return written;
    }

    @Override
    public Source source() {
        return Source.API_GATEWAY;
    }

    @Override
    public boolean isHttpRequest() {
        return true;
    }

    @Override
    public boolean expectsSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    @Override
    public List<String> mismatches(JsonNode answer) {
        List<String> mismatches = new ArrayList<>();
        if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
            mismatches.add("the answer is not an API Gateway proxy response (no statusCode)");
            return mismatches;
        }
        if (!answer.get("statusCode").isIntegralNumber() || answer.get("statusCode").intValue() != statusCode) {
            mismatches.add("statusCode is " + answer.get("statusCode") + ", expected " + statusCode);
        }
        if (body != null) {
            parsedBody(answer).ifPresentOrElse(
                    actual -> matchJson(body, actual, "body", mismatches),
                    () -> mismatches.add("body is not JSON: " + abbreviate(answer.path("body").asText(""))));
        }
        headers.forEach((name, expectedValue) -> {
            List<String> actualValues = headerValues(answer, name);
            if (actualValues.isEmpty()) {
                mismatches.add("header " + name + " is missing");
            } else if (expectedValue.equals(ANY)) {
                if (actualValues.stream().allMatch(String::isEmpty)) {
                    mismatches.add("header " + name + " is empty");
                }
            } else if (!actualValues.contains(expectedValue)) {
                mismatches.add("header " + name + " is " + actualValues + ", expected \"" + expectedValue + "\"");
            }
        });
        return mismatches;
    }

    private static Optional<JsonNode> parsedBody(JsonNode answer) {
        JsonNode bodyNode = answer.get("body");
        if (bodyNode == null || bodyNode.isNull()) {
            return Optional.empty();
        }
        String text = bodyNode.asText();
        if (answer.path("isBase64Encoded").asBoolean(false)) {
            try {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.ofNullable(JSON.readTree(text)).filter(node -> !node.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Every value of a header, any case, from {@code headers} and {@code multiValueHeaders}. */
    public static List<String> headerValues(JsonNode answer, String name) {
        List<String> values = new ArrayList<>();
        answer.path("headers").properties().forEach(header -> {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isNull()) {
                values.add(header.getValue().asText());
            }
        });
        answer.path("multiValueHeaders").properties().forEach(header -> {
            if (header.getKey().equalsIgnoreCase(name)) {
                for (JsonNode value : header.getValue()) {
                    values.add(value.asText());
                }
            }
        });
        return values;
    }

    /** The body matching rules of expected.json; {@code path} names the place for messages. */
    static void matchJson(JsonNode expected, JsonNode actual, String path, List<String> mismatches) {
        if (expected.isTextual() && expected.asText().equals(ANY)) {
            if (actual == null || actual.isNull() || actual.isMissingNode()) {
                mismatches.add(path + " is missing, expected any value");
            }
        } else if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                mismatches.add(path + " is " + describe(actual) + ", expected an object like " + expected);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = actual.get(field.getKey());
                if (value == null) {
                    mismatches.add(path + "." + field.getKey() + " is missing, expected " + field.getValue());
                } else {
                    matchJson(field.getValue(), value, path + "." + field.getKey(), mismatches);
                }
            }
        } else if (expected.isArray()) {
            if (actual == null || !actual.isArray()) {
                mismatches.add(path + " is " + describe(actual) + ", expected an array");
                return;
            }
            if (actual.size() < expected.size()) {
                mismatches.add(path + " has " + actual.size() + " elements, expected at least " + expected.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                matchJson(expected.get(i), actual.get(i), path + "[" + i + "]", mismatches);
            }
        } else if (!scalarEquals(expected, actual)) {
            mismatches.add(path + " is " + describe(actual) + ", expected " + expected);
        }
    }

    private static boolean scalarEquals(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static String describe(JsonNode node) {
        return node == null ? "missing" : abbreviate(node.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
