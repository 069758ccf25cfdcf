package io.github.lambdacontainer.archetype.contract.expectation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchResponseExpectationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Expectation parse(String name, String expected) throws Exception {
        return Expectation.parse(name, JSON.readTree(expected));
    }

    private static List<String> mismatches(String expected, String answer) throws Exception {
        return parse("sqs-batch.json", expected).mismatches(JSON.readTree(answer));
    }

    @Test
    void sqsEventsAreBatchesForTheQueueFunction() throws Exception {
        Expectation expectation = parse("sqs-batch.json", "{\"batchItemFailures\": []}");

        assertEquals(Expectation.Source.SQS, expectation.source());
        assertFalse(expectation.isHttpRequest(), "not sent to the HTTP server");
        assertEquals(Expectation.Source.API_GATEWAY, parse("get-hello.json", "{\"statusCode\": 200}").source());
    }

    @Test
    void exactlyTheExpectedMessagesMustBeReportedInAnyOrder() throws Exception {
        String expected = "{\"batchItemFailures\": [{\"itemIdentifier\": \"m2\"}, {\"itemIdentifier\": \"m3\"}]}";

        assertEquals(List.of(), mismatches(expected,
                "{\"batchItemFailures\": [{\"itemIdentifier\": \"m3\"}, {\"itemIdentifier\": \"m2\"}]}"));
        assertEquals(List.of("message m3 is not in batchItemFailures, so SQS would delete it as processed; expected it "
                        + "reported as failed",
                "message m1 is reported in batchItemFailures, so SQS would deliver it again; expected it processed"),
                mismatches(expected, "{\"batchItemFailures\": [{\"itemIdentifier\": \"m2\"}, {\"itemIdentifier\": \"m1\"}]}"));
    }

    @Test
    void noBatchItemFailuresMeansEveryMessageWasProcessedAsForLambda() throws Exception {
        String allStored = "{\"batchItemFailures\": []}";

        assertEquals(List.of(), mismatches(allStored, "{\"batchItemFailures\": []}"));
        assertEquals(List.of(), mismatches(allStored, "{\"batchItemFailures\": null}"));
        assertEquals(List.of(), mismatches(allStored, "{}"));
        assertEquals(List.of("message m1 is not in batchItemFailures, so SQS would delete it as processed; expected it "
                + "reported as failed"), mismatches("{\"batchItemFailures\": [{\"itemIdentifier\": \"m1\"}]}", "{}"));
    }

    @Test
    void answersThatAreNoBatchResponseAreNamed() throws Exception {
        String allStored = "{\"batchItemFailures\": []}";

        assertEquals(List.of("the answer is not an SQS batch response object like {\"batchItemFailures\": [...]}"),
                mismatches(allStored, "\"ok\""));
        assertEquals(List.of("batchItemFailures is \"m1\", not an array"),
                mismatches(allStored, "{\"batchItemFailures\": \"m1\"}"));
        assertTrue(mismatches(allStored, "{\"batchItemFailures\": [{\"id\": \"m1\"}]}").getFirst()
                .contains("every batchItemFailures element needs an \"itemIdentifier\""));
    }

    @Test
    void expectationsThatAreNoBatchResponseAreRefused() {
        AssertionError apiShaped = assertThrows(AssertionError.class,
                () -> parse("sqs-batch.json", "{\"statusCode\": 200}"));
        assertTrue(apiShaped.getMessage().contains("sqs-batch.json is an SQS batch, whose answer has only "
                + "\"batchItemFailures\", but the entry has \"statusCode\""), apiShaped.getMessage());

        AssertionError notAnArray = assertThrows(AssertionError.class,
                () -> parse("sqs-batch.json", "{\"batchItemFailures\": {}}"));
        assertTrue(notAnArray.getMessage().contains("needs \"batchItemFailures\": an array"), notAnArray.getMessage());
    }

    @Test
    void expectedIdentifiersMustBeMessagesOfTheEvent() throws Exception {
        BatchResponseExpectation expectation = (BatchResponseExpectation) parse("sqs-batch.json",
                "{\"batchItemFailures\": [{\"itemIdentifier\": \"m1\"}, {\"itemIdentifier\": \"m9\"}]}");

        assertEquals(List.of("m9"), expectation.identifiersMissingFrom(JSON.readTree(
                "{\"Records\": [{\"messageId\": \"m1\"}, {\"messageId\": \"m2\"}]}")));
    }
}
