package io.github.lambdacontainer.archetype.contract.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Each edit changes the value everywhere the payload format carries it, and nothing else. */
class EventEditsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void payload1QueryAndHeaderChangeInTheirSingleAndMultiValueMaps() throws Exception {
        JsonNode event = JSON.readTree("""
                {"httpMethod": "GET", "path": "/hello",
                 "headers": {"x-correlation-id": "old", "Accept": "application/json"},
                 "multiValueHeaders": {"X-Correlation-Id": ["old"], "Accept": ["application/json"]},
                 "queryStringParameters": {"name": "Ada"}, "multiValueQueryStringParameters": {"name": ["Ada"]}}
                """);

        JsonNode edited = EventEdits.withHeader(EventEdits.withQueryParameter(event, "name", "Grace"),
                "X-Correlation-Id", "new");

        assertEquals(JSON.readTree("""
                {"httpMethod": "GET", "path": "/hello",
                 "headers": {"Accept": "application/json", "X-Correlation-Id": "new"},
                 "multiValueHeaders": {"Accept": ["application/json"], "X-Correlation-Id": ["new"]},
                 "queryStringParameters": {"name": "Grace"}, "multiValueQueryStringParameters": {"name": ["Grace"]}}
                """), edited);
        assertEquals("Ada", event.path("queryStringParameters").path("name").asText(), "the sample is left as it was");
    }

    @Test
    void payload2QueryChangesTheRawQueryStringTooAndHeadersAreLowerCase() throws Exception {
        JsonNode event = JSON.readTree("""
                {"version": "2.0", "rawPath": "/hello", "rawQueryString": "name=Ada&x=1",
                 "headers": {"x-correlation-id": "old"}, "queryStringParameters": {"name": "Ada", "x": "1"}}
                """);

        JsonNode edited = EventEdits.withHeader(EventEdits.withQueryParameter(event, "name", "Grace Hopper"),
                "X-Correlation-Id", "new");

        assertEquals("name=Grace+Hopper&x=1", edited.path("rawQueryString").asText());
        assertEquals(JSON.readTree("{\"x-correlation-id\": \"new\"}"), edited.path("headers"));
        assertEquals(false, edited.has("multiValueHeaders"));
    }

    @Test
    void eventWithoutHeadersOrQueryGetsThem() throws Exception {
        JsonNode event = JSON.readTree("{\"httpMethod\": \"POST\", \"headers\": null, \"queryStringParameters\": null,"
                + " \"body\": \"e30=\", \"isBase64Encoded\": true}");

        JsonNode edited = EventEdits.withBody(EventEdits.withHeader(event, "X-Correlation-Id", "new"), "{\"item\":\"tea\"}");

        assertEquals("new", edited.path("headers").path("X-Correlation-Id").asText());
        assertEquals("{\"item\":\"tea\"}", edited.path("body").asText());
        assertEquals(false, edited.path("isBase64Encoded").asBoolean());
    }
}
