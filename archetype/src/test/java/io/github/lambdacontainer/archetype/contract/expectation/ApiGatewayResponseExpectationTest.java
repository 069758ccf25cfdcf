package io.github.lambdacontainer.archetype.contract.expectation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiGatewayResponseExpectationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> mismatches(String expected, String answer) throws Exception {
        return Expectation.parse("event.json", JSON.readTree(expected)).mismatches(JSON.readTree(answer));
    }

    private static String answer(int status, String body) throws Exception {
        return JSON.writeValueAsString(JSON.createObjectNode().put("statusCode", status).put("body", body));
    }

    @Test
    void objectsNeedTheExpectedKeysOnlyAndArraysTheirFirstElements() throws Exception {
        String expected = """
                {"statusCode": 200, "body": {"message": "hello, Ada!", "items": [{"id": 1}], "any": [], "at": "<any>"}}
                """;

        assertEquals(List.of(), mismatches(expected, answer(200,
                "{\"message\":\"hello, Ada!\",\"extra\":true,\"items\":[{\"id\":1.0,\"name\":\"x\"},{\"id\":2}],"
                        + "\"any\":[3],\"at\":0}")));
        assertEquals(List.of("statusCode is 500, expected 200", "body.message is \"hi\", expected \"hello, Ada!\"",
                        "body.items has 0 elements, expected at least 1", "body.any is {}, expected an array",
                        "body.at is missing, expected any value"),
                mismatches(expected, answer(500, "{\"message\":\"hi\",\"items\":[],\"any\":{},\"at\":null}")));
    }

    @Test
    void bodyIsParsedAfterBase64DecodingAndMustBeJson() throws Exception {
        String expected = "{\"statusCode\": 200, \"body\": []}";
        String encoded = JSON.writeValueAsString(JSON.createObjectNode().put("statusCode", 200)
                .put("body", Base64.getEncoder().encodeToString("[1]".getBytes())).put("isBase64Encoded", true));

        assertEquals(List.of(), mismatches(expected, encoded));
        assertEquals(List.of("body is not JSON: <html>"), mismatches(expected, answer(200, "<html>")));
    }

    @Test
    void headersAreFoundCaseInsensitivelyInHeadersAndMultiValueHeaders() throws Exception {
        String expected = """
                {"statusCode": 204, "headers": {"X-Correlation-Id": "c-1", "Content-Type": "<any>", "Vary": "Origin"}}
                """;
        String answer = """
                {"statusCode": 204, "headers": {"x-correlation-id": "c-1"},
                 "multiValueHeaders": {"content-type": ["application/json"], "VARY": ["Accept", "Origin"]}}
                """;

        assertEquals(List.of(), mismatches(expected, answer));
        assertEquals(List.of("header X-Correlation-Id is [c-2], expected \"c-1\"", "header Content-Type is missing",
                        "header Vary is missing"),
                mismatches(expected, "{\"statusCode\":204,\"headers\":{\"X-CORRELATION-ID\":\"c-2\"}}"));
    }

    @Test
    void expectationsWithUnknownKeysAreRefused() {
        assertTrue(assertThrows(AssertionError.class, () -> mismatches("{\"statusCode\":200,\"bdy\":{}}", "{}"))
                .getMessage().contains("unknown key \"bdy\""));
    }

    @Test
    void answerThatIsNoProxyResponseIsReported() throws Exception {
        JsonNode plain = JSON.readTree("{\"message\":\"hello\"}");
        assertEquals(List.of("the answer is not an API Gateway proxy response (no statusCode)"),
                Expectation.parse("e.json", JSON.readTree("{\"statusCode\":200}")).mismatches(plain));
    }
}
