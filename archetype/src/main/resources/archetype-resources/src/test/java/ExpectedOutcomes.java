package ${package};

import ${package}.web.RequestIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The expected answer to each file in events/, as recorded in events/expected.json (the one
 * place both these tests and the archetype's container-contract check read).
 *
 * <p>Matching: statusCode is equal; each listed header is present (any case) with that value;
 * the body is parsed as JSON and an expected object needs at least its keys, an expected array
 * its first elements, and {@code "<any>"} any non-null value.
 */
final class ExpectedOutcomes {

    static final Path EVENTS = Path.of("events");
    static final String ANY = "<any>";
    /** Events named so are SQS batches for the queue worker, not API Gateway requests. */
    static final String SQS_BATCH_PREFIX = "sqs-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExpectedOutcomes() {}

    /** Every sample event's file name, sorted: API Gateway requests and (worker=sqs) SQS batches. */
    static List<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.equals("expected.json"))
                    .sorted()
                    .toList();
        }
    }

    static boolean isSqsBatch(String eventFile) {
        return eventFile.startsWith(SQS_BATCH_PREFIX);
    }

    static JsonNode all() throws IOException {
        return JSON.readTree(EVENTS.resolve("expected.json").toFile());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /**
     * Why {@code answer} is not the answer events/expected.json records for {@code eventFile}, one
     * line each; empty when it is. An API Gateway response as {@link #mismatches(JsonNode, JsonNode)}
     * says, with a correlation id; an SQS batch's answer with exactly the batchItemFailures recorded.
     * The handler's tests and ImageSmokeCheck (the image as built) judge by this.
     */
    static List<String> mismatchesOf(String eventFile, JsonNode answer) throws IOException {
        JsonNode expected = all().get(eventFile);
        if (expected == null) {
            return List.of("events/expected.json has no entry for " + eventFile);
        }
        if (isSqsBatch(eventFile)) {
            List<String> wanted = itemIdentifiers(expected).stream().sorted().toList();
            List<String> got = itemIdentifiers(answer).stream().sorted().toList();
            return wanted.equals(got) ? List.of() : List.of("batchItemFailures: expected " + wanted + ", got " + got);
        }
        List<String> problems = new ArrayList<>(mismatches(expected, answer));
        String correlationId = header(answer, RequestIds.CORRELATION_ID_HEADER);
        if (correlationId == null || correlationId.isBlank()) {
            problems.add("no " + RequestIds.CORRELATION_ID_HEADER + " header");
        }
        return problems;
    }

    /** The itemIdentifier of each batchItemFailures entry of an SQS batch's answer. */
    static List<String> itemIdentifiers(JsonNode batchResponse) {
        List<String> identifiers = new ArrayList<>();
        batchResponse.path("batchItemFailures").forEach(failure -> identifiers.add(failure.path("itemIdentifier").asText()));
        return identifiers;
    }

    /** What does not match, one line each; empty when the response is as expected. */
    static List<String> mismatches(JsonNode expected, JsonNode response) {
        List<String> problems = new ArrayList<>();
        int status = response.path("statusCode").asInt();
        if (status != expected.path("statusCode").asInt()) {
            problems.add("statusCode: expected " + expected.path("statusCode") + ", got " + status);
        }
        for (Map.Entry<String, JsonNode> header : expected.path("headers").properties()) {
            String actual = header(response, header.getKey());
            String wanted = header.getValue().asText();
            if (actual == null || actual.isEmpty() || !(wanted.equals(ANY) || wanted.equals(actual))) {
                problems.add("header " + header.getKey() + ": expected " + wanted + ", got " + actual);
            }
        }
        if (expected.has("body")) {
            String body = response.path("body").asText();
            JsonNode actualBody;
            try {
                actualBody = JSON.readTree(body);
            } catch (IOException notJson) {
                actualBody = null;
            }
            if (actualBody == null || !matches(expected.get("body"), actualBody)) {
                problems.add("body: expected " + expected.get("body") + ", got " + body);
            }
        }
        return problems;
    }

    static String header(JsonNode response, String name) {
        for (String section : List.of("headers", "multiValueHeaders")) {
            for (Map.Entry<String, JsonNode> header : response.path(section).properties()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    JsonNode value = header.getValue();
                    return value.isArray() ? value.path(0).asText() : value.asText();
                }
            }
        }
        return null;
    }

    /** A field of a JSON log line: top-level, or in its "mdc" object, depending on the log format. */
    static String logField(JsonNode line, String key) {
        return line.has(key) ? line.get(key).asText() : line.path("mdc").path(key).asText();
    }

    static boolean matches(JsonNode expected, JsonNode actual) {
        if (actual == null || actual.isNull() || actual.isMissingNode()) {
            return expected.isNull();
        }
        if (expected.isTextual() && ANY.equals(expected.asText())) {
            return true;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                if (!matches(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() < expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }
}
