package io.github.lambdacontainer.archetype.contract.expectation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The expected answer to an SQS batch ({@code events/sqs-*.json}) from a function with
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}: exactly the listed messages reported
 * as failed, in any order, e.g. {@code {"batchItemFailures": [{"itemIdentifier": "<messageId>"}]}},
 * and {@code []} for a batch that must be stored whole. As Lambda does, an answer without
 * {@code batchItemFailures} (or with null) reports no failure.
 */
public final class BatchResponseExpectation implements Expectation {

    /** The file name prefix of SQS batch events. */
    public static final String EVENT_PREFIX = "sqs-";

    private final JsonNode written;
    private final Set<String> failedMessageIds;

    private BatchResponseExpectation(JsonNode written, Set<String> failedMessageIds) {
        this.written = written;
        this.failedMessageIds = failedMessageIds;
    }

    static BatchResponseExpectation parse(String eventName, JsonNode written) {
        String where = "events/expected.json: " + eventName;
        written.fieldNames().forEachRemaining(key -> {
            if (!key.equals("batchItemFailures")) {
                throw new AssertionError(where + " is an SQS batch, whose answer has only \"batchItemFailures\", "
                        + "but the entry has \"" + key + "\"");
            }
        });
        JsonNode failures = written.get("batchItemFailures");
        if (failures == null || !failures.isArray()) {
            throw new AssertionError(where + " needs \"batchItemFailures\": an array of {\"itemIdentifier\": "
                    + "\"<messageId>\"} ([] when every message must be stored), but has " + failures);
        }
        return new BatchResponseExpectation(written, identifiers(failures, where));
    }

    /** The expected failed message ids that are no messageId of the event, which no answer could meet. */
    public List<String> identifiersMissingFrom(JsonNode event) {
        Set<String> messageIds = new LinkedHashSet<>();
        event.path("Records").forEach(record -> messageIds.add(record.path("messageId").asText()));
        return failedMessageIds.stream().filter(id -> !messageIds.contains(id)).toList();
    }

    @Override
    public List<String> mismatches(JsonNode answer) {
        List<String> mismatches = new ArrayList<>();
        if (answer == null || !answer.isObject()) {
            mismatches.add("the answer is not an SQS batch response object like {\"batchItemFailures\": [...]}");
            return mismatches;
        }
        JsonNode failures = answer.get("batchItemFailures");
        Set<String> reported;
        if (failures == null || failures.isNull()) {
            reported = Set.of();
        } else if (!failures.isArray()) {
            mismatches.add("batchItemFailures is " + failures + ", not an array");
            return mismatches;
        } else {
            try {
                reported = identifiers(failures, "the answer");
            } catch (AssertionError malformed) {
                mismatches.add(malformed.getMessage());
                return mismatches;
            }
        }
        failedMessageIds.stream().filter(id -> !reported.contains(id)).forEach(id -> mismatches.add("message " + id
                + " is not in batchItemFailures, so SQS would delete it as processed; expected it reported as failed"));
        reported.stream().filter(id -> !failedMessageIds.contains(id)).forEach(id -> mismatches.add("message " + id
                + " is reported in batchItemFailures, so SQS would deliver it again; expected it processed"));
        return mismatches;
    }

    @Override
    public JsonNode asWritten() {
        return written;
    }

    @Override
    public Source source() {
        return Source.SQS;
    }

    @Override
    public boolean isHttpRequest() {
        return false;
    }

    @Override
    public boolean expectsSuccess() {
        return failedMessageIds.isEmpty();
    }

    private static Set<String> identifiers(JsonNode failures, String where) {
        Set<String> identifiers = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode identifier = failure.get("itemIdentifier");
            if (identifier == null || !identifier.isTextual() || identifier.asText().isEmpty()) {
                throw new AssertionError(where + ": every batchItemFailures element needs an \"itemIdentifier\" "
                        + "(the message's messageId), but one is " + failure);
            }
            identifiers.add(identifier.asText());
        }
        return identifiers;
    }
}
