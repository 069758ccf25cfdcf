#set( $dollar = '$' )
package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input through the Lambda entry point, on whichever database the tests use (see
 * TestDatabase): what looks like SQL is stored and read back as text, what breaks the rules is a
 * 400 problem, and the orders table is still there afterwards. The events are the ones in
 * events/, with another body or id.
 */
class HostileOrderRequestsTest {

    private static final LambdaHandler HANDLER = new LambdaHandler();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "'; DROP TABLE orders; --",
        "1' OR '1'='1",
        "Robert'); DELETE FROM orders WHERE ('1'='1",
        "\\\\'; SELECT pg_sleep(10); SELECT SLEEP(10); --",
        "\" } ] <script>alert(1)</script>",
        "emoji 😀, CJK 注文, RTL עברית, combining e\u0301",
    })
    void hostileItemIsStoredAndReadBackExactly(String item) throws IOException {
        JsonNode created = createOrder(order(item, 1));
        assertThat(created.path("statusCode").asInt()).as("answer %s", created).isEqualTo(201);
        JsonNode order = body(created);
        assertThat(order.path("item").asText()).isEqualTo(item);

        JsonNode read = getOrder(order.path("id").asText());
        assertThat(read.path("statusCode").asInt()).as("answer %s", read).isEqualTo(200);
        assertThat(body(read).path("item").asText()).isEqualTo(item);
    }

    @Test
    void longestItemIsStoredWhole() throws IOException {
        String longest = "ü😀".repeat(66) + "üü"; // 200 UTF-16 chars: the most validation allows

        JsonNode created = createOrder(order(longest, 1));

        assertThat(created.path("statusCode").asInt()).as("answer %s", created).isEqualTo(201);
        assertThat(body(getOrder(body(created).path("id").asText())).path("item").asText()).isEqualTo(longest);
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 10_000})
    void overlongItemIsRejected(int length) throws IOException {
        JsonNode answer = createOrder(order("x".repeat(length), 1));

        assertIsProblem(answer, 400);
        assertThat(body(answer).path("errors").has("item")).as("answer %s", answer).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"item\": {\"${dollar}gt\": \"\"}, \"quantity\": 1}",
        "{\"item\": [\"tea\"], \"quantity\": 1}",
        "{\"item\": \"tea\", \"quantity\": \"1; DROP TABLE orders\"}",
        "{\"item\": \"tea\", \"quantity\": 99999999999999999999}",
    })
    void malformedBodyIsRejected(String body) throws IOException {
        assertIsProblem(createOrder(body), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 OR 1=1", "1;DROP TABLE orders", "1' --", "0x10", "1e3", "99999999999999999999"})
    void hostileIdIsRejected(String id) throws IOException {
        assertIsProblem(getOrder(id), 400);
    }

    @Test
    void veryLongIdIsRejected() throws IOException {
        assertIsProblem(getOrder("1".repeat(10_000)), 400);
    }

    @AfterAll
    static void ordersAreStillThere() throws IOException {
        JsonNode list = invoke(event("orders-list.json"));
        assertThat(list.path("statusCode").asInt()).as("GET /orders after the hostile requests: %s", list).isEqualTo(200);
        assertThat(body(list).isArray()).isTrue();
    }

    private static String order(String item, int quantity) throws IOException {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("item", item);
        order.put("quantity", quantity);
        return JSON.writeValueAsString(order);
    }

    /** events/orders-create.json with another body. */
    private static JsonNode createOrder(String body) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(event("orders-create.json"));
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return invoke(JSON.writeValueAsBytes(event));
    }

    /** events/orders-get-unknown.json with another id in its paths, percent-encoded as a client sends it. */
    private static JsonNode getOrder(String id) throws IOException {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        String event = new String(event("orders-get-unknown.json"), StandardCharsets.UTF_8).replace("999999999", encoded);
        return invoke(event.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertIsProblem(JsonNode answer, int status) {
        assertThat(answer.path("statusCode").asInt()).as("answer %s", answer).isEqualTo(status);
        assertThat(ExpectedOutcomes.header(answer, "Content-Type")).startsWith("application/problem+json");
        JsonNode problem = body(answer);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(answer.path("body").asText()).as("no internals in the answer")
                .doesNotContain("Exception", "\tat ", "SQL");
    }

    private static JsonNode body(JsonNode answer) {
        return ExpectedOutcomes.parse(answer.path("body").asText());
    }

    private static byte[] event(String name) throws IOException {
        return Files.readAllBytes(ExpectedOutcomes.EVENTS.resolve(name));
    }

    private static JsonNode invoke(byte[] event) throws IOException {
        var answer = new ByteArrayOutputStream();
        HANDLER.handleRequest(new ByteArrayInputStream(event), answer, new LocalLambdaContext());
        return ExpectedOutcomes.parse(answer.toString(StandardCharsets.UTF_8));
    }
}
