package io.github.lambdacontainer.archetype.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What {@code events/expected.json} says one event must produce. Each kind of event (API Gateway
 * proxy now; SQS batches with {@code batchItemFailures} later) gets its own implementation, chosen
 * in {@link #parse}.
 */
interface Expectation {

    /** Empty when the function's answer meets the expectation, otherwise one sentence per mismatch. */
    List<String> mismatches(JsonNode answer);

    /** The expectation as written in expected.json, for failure messages. */
    JsonNode asWritten();

    /** Whether the event can also be sent to the HTTP server container (API Gateway events can). */
    boolean isHttpRequest();

    /** Whether the event is expected to succeed (a 2xx answer), which makes it the best demo for invoke.sh. */
    boolean expectsSuccess();

    static Expectation parse(String eventName, JsonNode written) {
        if (!written.isObject()) {
            throw new AssertionError("events/expected.json: the entry for " + eventName + " must be an object but is "
                    + written);
        }
        if (eventName.startsWith("sqs-") || written.has("batchItemFailures")) {
            // Add a BatchResponseExpectation comparing batchItemFailures when the sqs worker lands.
            throw new AssertionError("events/expected.json: " + eventName + " is an SQS batch event; the "
                    + "container-contract verifier does not check batchItemFailures yet");
        }
        return ApiGatewayResponseExpectation.parse(eventName, written);
    }
}
