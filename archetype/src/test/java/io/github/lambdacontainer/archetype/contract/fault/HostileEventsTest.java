package io.github.lambdacontainer.archetype.contract.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeApiServer.Answer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HostileEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATES = Path.of("src/main/resources/archetype-resources");

    @Test
    void theSameBatteryOnEveryRunWithEveryKindAndNoEventLeftAsItWas() throws IOException {
        for (String api : List.of("api-rest", "api-http", "api-function-url")) {
            List<JsonNode> samples = samples(TEMPLATES.resolve("variants").resolve(api).resolve("events"));
            List<HostileEvents.ApiEvent> first = HostileEvents.api(api, samples, 320);
            List<HostileEvents.ApiEvent> again = HostileEvents.api(api, samples, 320);
            assertEquals(320, first.size());
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i).name(), again.get(i).name());
                assertArrayEquals(first.get(i).bytes(), again.get(i).bytes(), first.get(i).name());
            }
            Set<HostileEvents.Kind> kinds = EnumSet.noneOf(HostileEvents.Kind.class);
            first.forEach(event -> kinds.add(event.kind()));
            assertEquals(EnumSet.allOf(HostileEvents.Kind.class), kinds);
            List<String> unchanged = new ArrayList<>();
            for (HostileEvents.ApiEvent event : first) {
                if (samples.stream().anyMatch(sample -> sameJson(sample, event.bytes()))) {
                    unchanged.add(event.name());
                }
            }
            assertEquals(List.of(), unchanged, api + ": events the battery did not change");
        }
    }

    @Test
    void theHardCasesAreReallyThere() throws IOException {
        List<HostileEvents.ApiEvent> events = HostileEvents.api("rest",
                samples(TEMPLATES.resolve("variants/api-rest/events")), 320);
        List<HostileEvents.ApiEvent> invalidUtf8 = of(events, HostileEvents.Kind.INVALID_UTF8);
        assertFalse(invalidUtf8.isEmpty());
        invalidUtf8.forEach(event -> assertFalse(isUtf8(event.bytes()), event.name()));
        int largest = events.stream().mapToInt(event -> event.bytes().length).max().orElseThrow();
        assertTrue(largest > 5 * 1024 * 1024 && largest < HostileEvents.LAMBDA_REQUEST_LIMIT_BYTES,
                "the largest event is near, and under, Lambda's 6 MB: " + largest);
        assertTrue(of(events, HostileEvents.Kind.DEEP_JSON).stream()
                .anyMatch(event -> nesting(event.bytes()) > HostileEvents.DEEP), "an event nested deeper than "
                + HostileEvents.DEEP);
        for (HostileEvents.ApiEvent event : of(events, HostileEvents.Kind.INVALID_BASE64)) {
            String body = JSON.readTree(event.bytes()).path("body").asText();
            assertThrows(IllegalArgumentException.class, () -> Base64.getDecoder().decode(body), event.name());
        }
        assertTrue(of(events, HostileEvents.Kind.NOT_AN_OBJECT).stream()
                .anyMatch(event -> new String(event.bytes(), StandardCharsets.UTF_8).startsWith("[")));
    }

    @Test
    void sqsBatchesKnowWhichOrdersAreBrokenAndWhichIntact() throws IOException {
        JsonNode sample = JSON.readTree(TEMPLATES.resolve("variants/worker-sqs/events/sqs-orders-batch.json").toFile());
        List<HostileEvents.SqsBatch> batches = HostileEvents.sqs("sqs", sample, 300);
        assertEquals(300, batches.size());
        int broken = 0;
        int intact = 0;
        for (HostileEvents.SqsBatch batch : batches) {
            assertTrue(Collections.disjoint(batch.brokenOrders(), batch.intactOrders()), batch.name());
            broken += batch.brokenOrders().size();
            intact += batch.intactOrders().size();
        }
        assertTrue(broken > 300 && intact > 100, "broken " + broken + ", intact " + intact);
        assertArrayEquals(batches.get(42).bytes(), HostileEvents.sqs("sqs", sample, 300).get(42).bytes());
    }

    @Test
    void anApiAnswerPassesOnlyAsAnHttpResponseWithProblemJsonForErrors() {
        HostileEvents.ApiEvent event = new HostileEvents.ApiEvent("e", HostileEvents.Kind.FIELD_NULL, new byte[0]);
        String problem = "{\"statusCode\":400,\"headers\":{\"Content-Type\":\"application/problem+json\"},"
                + "\"body\":\"{\\\"type\\\":\\\"about:blank\\\",\\\"title\\\":\\\"Bad Request\\\",\\\"status\\\":400}\"}";
        assertEquals(Optional.empty(), HostileEventVerdict.apiProblem(event, new Answer.Response(problem)));
        assertEquals(Optional.empty(), HostileEventVerdict.apiProblem(event,
                new Answer.Response("{\"statusCode\":200,\"body\":\"hi\"}")));
        assertProblem("instead of an API Gateway response", HostileEventVerdict.apiProblem(event,
                new Answer.FunctionError("Runtime.UnknownError", "{}")));
        assertProblem("no answer", HostileEventVerdict.apiProblem(event, new Answer.NoAnswer("no answer within 30 s")));
        assertProblem("a server error", HostileEventVerdict.apiProblem(event, new Answer.Response(
                "{\"statusCode\":502,\"headers\":{\"Content-Type\":\"application/json\"},"
                        + "\"body\":\"{\\\"message\\\":\\\"Gateway timeout\\\"}\"}")));
        assertProblem("not application/problem+json", HostileEventVerdict.apiProblem(event, new Answer.Response(
                "{\"statusCode\":406,\"body\":\"\"}")));
        assertProblem("no problem JSON", HostileEventVerdict.apiProblem(event, new Answer.Response(
                "{\"statusCode\":400,\"headers\":{\"Content-Type\":\"application/problem+json\"},\"body\":\"{}\"}")));
        assertProblem("tells of the code behind it", HostileEventVerdict.apiProblem(event, new Answer.Response(
                "{\"statusCode\":400,\"headers\":{\"Content-Type\":\"application/problem+json\"},\"body\":"
                        + "\"{\\\"title\\\":\\\"x\\\",\\\"status\\\":400,\\\"detail\\\":\\\"com.fasterxml.jackson.core."
                        + "JsonParseException: at [Source: x]\\\"}\"}")));
        assertProblem("no HTTP status code", HostileEventVerdict.apiProblem(event, new Answer.Response("{}")));
        assertProblem("no JSON object", HostileEventVerdict.apiProblem(event, new Answer.Response("[1]")));
        HostileEvents.ApiEvent base64 = new HostileEvents.ApiEvent("b", HostileEvents.Kind.INVALID_BASE64, new byte[0]);
        assertProblem("400", HostileEventVerdict.apiProblem(base64, new Answer.Response("{\"statusCode\":200}")));
    }

    @Test
    void aBatchAnswerPassesOnlyNamingEveryBrokenOrderAndNoIntactOne() {
        HostileEvents.SqsBatch batch = new HostileEvents.SqsBatch("b", new byte[0], Set.of("broken"), Set.of("intact"));
        assertEquals(Optional.empty(), HostileEventVerdict.sqsProblem(batch, new Answer.Response(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"broken\"},{\"itemIdentifier\":\"odd\"}]}")));
        assertProblem("(a broken order) is not in batchItemFailures", HostileEventVerdict.sqsProblem(batch,
                new Answer.Response("{\"batchItemFailures\":[]}")));
        assertProblem("(an intact order) is in batchItemFailures", HostileEventVerdict.sqsProblem(batch, new Answer.Response(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"broken\"},{\"itemIdentifier\":\"intact\"}]}")));
        assertProblem("the whole batch fails", HostileEventVerdict.sqsProblem(batch,
                new Answer.FunctionError("Runtime.Deserialization", "{}")));
        assertProblem("without a batchItemFailures array", HostileEventVerdict.sqsProblem(batch,
                new Answer.Response("{}")));
    }

    private static void assertProblem(String expected, Optional<String> problem) {
        assertTrue(problem.isPresent(), "expected a problem saying '" + expected + "'");
        assertTrue(problem.get().contains(expected), "expected '" + expected + "' in: " + problem.get());
    }

    private static List<JsonNode> samples(Path events) throws IOException {
        List<JsonNode> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(events)) {
            for (Path file : files.sorted().toList()) {
                samples.add(JSON.readTree(file.toFile()));
            }
        }
        return samples;
    }

    private static List<HostileEvents.ApiEvent> of(List<HostileEvents.ApiEvent> events, HostileEvents.Kind kind) {
        return events.stream().filter(event -> event.kind() == kind).toList();
    }

    private static boolean sameJson(JsonNode sample, byte[] bytes) {
        try {
            return sample.equals(JSON.readTree(bytes));
        } catch (IOException notJson) {
            return false;
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The deepest nesting of brackets and braces, counting every one (the texts here hold none). */
    private static int nesting(byte[] bytes) {
        int depth = 0;
        int deepest = 0;
        for (byte b : bytes) {
            if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }
}
