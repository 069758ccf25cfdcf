package io.github.lambdacontainer.archetype.contract.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log lines as Spring Boot (ids at the top) and logback's JSON encoder (ids under "mdc") write them. */
class LogLineIdsTest {

    private static final Map<String, String> SENT = Map.of("req-1", "cid-1", "req-2", "cid-2");

    @Test
    void linesWithTheirOwnInvocationsPairPass() {
        LogLineIds.Result result = LogLineIds.check(List.of(
                "{\"message\":\"GET /hello\",\"awsRequestId\":\"req-1\",\"correlationId\":\"cid-1\"}",
                "{\"formattedMessage\":\"GET /hello\",\"mdc\": {\"awsRequestId\":\"req-2\",\"correlationId\":\"cid-2\"}}",
                "{\"message\":\"the cold start's own\",\"awsRequestId\":\"req-0\",\"correlationId\":\"cid-0\"}",
                "{\"message\":\"no ids\"}",
                "not JSON"), SENT);

        assertEquals(new LogLineIds.Result(2, List.of()), result);
    }

    @Test
    void lineWithAnotherInvocationsCorrelationIdFails() {
        LogLineIds.Result result = LogLineIds.check(List.of(
                "{\"mdc\": {\"awsRequestId\":\"req-1\",\"correlationId\":\"cid-2\"}}"), SENT);

        assertEquals(1, result.problems().size());
        assertTrue(result.problems().getFirst().startsWith("log line 1 names request req-1, sent with X-Correlation-Id "
                + "cid-1, but correlationId cid-2 (another invocation's)"), result.problems().getFirst());
    }

    @Test
    void sentCorrelationIdUnderAnUnsentRequestIdFails() {
        LogLineIds.Result result = LogLineIds.check(List.of(
                "{\"awsRequestId\":\"req-9\",\"correlationId\":\"cid-1\"}"), SENT);

        assertEquals(0, result.linesChecked());
        assertTrue(result.problems().getFirst().startsWith("log line 1 names correlationId cid-1 with request req-9, "
                + "which is not the invocation sent with it"), result.problems().getFirst());
    }

    @Test
    void everySqsMessageIsLoggedUnderTheInvocationThatCarriedItAndNoOther() {
        Map<String, String> sent = Map.of("msg-1", "req-1", "msg-2", "req-2", "msg-3", "req-2");

        LogLineIds.Result result = LogLineIds.checkMessages(List.of(
                "{\"message\":\"message msg-1 stored as order 7\",\"AWSRequestId\":\"req-1\"}",
                "{\"message\":\"message msg-2 stored as order 8\",\"AWSRequestId\":\"req-1\"}",
                "{\"message\":\"message msg-10 is someone else's\",\"AWSRequestId\":\"req-1\"}",
                "{\"message\":\"message msg-2 again\"}"), sent);

        assertEquals(3, result.linesChecked(), "the lines naming msg-1 or msg-2 (msg-10 is another id)");
        assertEquals(List.of(
                "log line 2 names message msg-2, sent in request req-2, but request req-1 (another invocation's): "
                        + "{\"message\":\"message msg-2 stored as order 8\",\"AWSRequestId\":\"req-1\"}",
                "log line 4 names message msg-2 but no request id, so which invocation wrote it cannot be told: "
                        + "{\"message\":\"message msg-2 again\"}",
                "no log line names message msg-3 (nor 0 more of the messages sent): what became of them cannot be told"),
                result.problems());
    }
}
