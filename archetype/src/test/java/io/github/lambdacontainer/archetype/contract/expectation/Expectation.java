package io.github.lambdacontainer.archetype.contract.expectation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What {@code events/expected.json} says one event must produce. Each kind of event has its own
 * implementation, chosen in {@link #parse}: API Gateway proxy events ({@link ApiGatewayResponseExpectation})
 * and SQS batches ({@code sqs-*.json}, {@link BatchResponseExpectation}).
 */
public interface Expectation {

    /** Where an event comes from, which decides the function it is sent to. */
    enum Source {
        /**
         * An HTTP request, from API Gateway or a function URL: for the function behind the API or
         * the URL (the Dockerfile's CMD handler).
         */
        API_GATEWAY,
        /** An SQS batch: for the function with an SQS event source (its ImageConfig.Command handler). */
        SQS
    }

    /** Empty when the function's answer meets the expectation, otherwise one sentence per mismatch. */
    List<String> mismatches(JsonNode answer);

    /** The expectation as written in expected.json, for failure messages. */
    JsonNode asWritten();

    /** Which kind of function the event is for. */
    Source source();

    /** Whether the event can also be sent to the HTTP server container (HTTP request events can). */
    boolean isHttpRequest();

    /** Whether the event is expected to succeed (a 2xx answer), which makes it the best demo for invoke.sh. */
    boolean expectsSuccess();

    static Expectation parse(String eventName, JsonNode written) {
        if (!written.isObject()) {
            throw new AssertionError("events/expected.json: the entry for " + eventName + " must be an object but is "
                    + written);
        }
        if (eventName.startsWith(BatchResponseExpectation.EVENT_PREFIX) || written.has("batchItemFailures")) {
            return BatchResponseExpectation.parse(eventName, written);
        }
        return ApiGatewayResponseExpectation.parse(eventName, written);
    }
}
