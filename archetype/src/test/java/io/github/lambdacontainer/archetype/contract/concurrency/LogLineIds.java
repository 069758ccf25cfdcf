package io.github.lambdacontainer.archetype.contract.concurrency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether each JSON log line that names a Lambda request id and a correlation id (or an SQS
 * message id) names the pair of one invocation. The ids are the generated RequestIds' MDC keys, found at the top of the line or
 * in one nested object (logback's {@code "mdc": {...}}).
 */
final class LogLineIds {

    static final String REQUEST_ID_KEY = "awsRequestId";
    static final String CORRELATION_ID_KEY = "correlationId";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param linesChecked lines naming a request id that was sent, with a correlation id
     * @param problems     one sentence per line whose pair is not one invocation's
     */
    record Result(int linesChecked, List<String> problems) {}

    private LogLineIds() {}

    /**
     * @param correlationIdBySentRequestId the correlation id each invocation was sent with, by the
     *        request id the runtime handed it out with; other invocations (whose correlation id is
     *        not known) may log their own ids, but none of these correlation ids
     */
    static Result check(List<String> lines, Map<String, String> correlationIdBySentRequestId) {
        Collection<String> sentCorrelationIds = correlationIdBySentRequestId.values();
        int checked = 0;
        List<String> problems = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            Optional<JsonNode> line = parse(lines.get(number - 1));
            Optional<String> requestId = line.flatMap(json -> idIn(json, REQUEST_ID_KEY));
            Optional<String> correlationId = line.flatMap(json -> idIn(json, CORRELATION_ID_KEY));
            if (requestId.isEmpty() || correlationId.isEmpty()) {
                continue;
            }
            String sent = correlationIdBySentRequestId.get(requestId.get());
            if (sent != null) {
                checked++;
                if (!sent.equals(correlationId.get())) {
                    problems.add("log line " + number + " names request " + requestId.get() + ", sent with "
                            + "X-Correlation-Id " + sent + ", but correlationId " + correlationId.get()
                            + (sentCorrelationIds.contains(correlationId.get()) ? " (another invocation's)" : "")
                            + ": " + lines.get(number - 1));
                }
            } else if (sentCorrelationIds.contains(correlationId.get())) {
                problems.add("log line " + number + " names correlationId " + correlationId.get() + " with request "
                        + requestId.get() + ", which is not the invocation sent with it: " + lines.get(number - 1));
            }
        }
        return new Result(checked, List.copyOf(problems));
    }

    /** The key the runtime interface client's own JSON lines (LambdaLogger, LogFormat JSON) carry the request id under. */
    static final String CLIENT_REQUEST_ID_KEY = "AWSRequestId";

    /**
     * Every sent SQS message id is named by at least one JSON log line, and every line naming it
     * carries the request id of the invocation that carried it ({@value #CLIENT_REQUEST_ID_KEY}
     * or {@value #REQUEST_ID_KEY}).
     */
    static Result checkMessages(List<String> lines, Map<String, String> requestIdBySentMessageId) {
        Map<String, Integer> mentions = new HashMap<>();
        int checked = 0;
        List<String> problems = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String text = lines.get(number - 1);
            Optional<JsonNode> line = parse(text);
            if (line.isEmpty()) {
                continue;
            }
            Optional<String> requestId = idIn(line.get(), CLIENT_REQUEST_ID_KEY).or(() -> idIn(line.get(), REQUEST_ID_KEY));
            boolean named = false;
            for (Map.Entry<String, String> sent : requestIdBySentMessageId.entrySet()) {
                if (!names(text, sent.getKey())) {
                    continue;
                }
                named = true;
                mentions.merge(sent.getKey(), 1, Integer::sum);
                if (requestId.isEmpty()) {
                    problems.add("log line " + number + " names message " + sent.getKey() + " but no request id, so "
                            + "which invocation wrote it cannot be told: " + text);
                } else if (!requestId.get().equals(sent.getValue())) {
                    problems.add("log line " + number + " names message " + sent.getKey() + ", sent in request "
                            + sent.getValue() + ", but request " + requestId.get() + " (another invocation's): " + text);
                }
            }
            checked += named ? 1 : 0;
        }
        requestIdBySentMessageId.keySet().stream().filter(id -> !mentions.containsKey(id)).sorted().limit(1)
                .forEach(id -> problems.add("no log line names message " + id + " (nor " + (requestIdBySentMessageId.size()
                        - mentions.size() - 1) + " more of the messages sent): what became of them cannot be told"));
        return new Result(checked, List.copyOf(problems));
    }

    /** Whether {@code text} names {@code id} as a whole (not as the start of a longer id). */
    private static boolean names(String text, String id) {
        for (int at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
            int end = at + id.length();
            if (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<JsonNode> parse(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(line)).filter(JsonNode::isObject);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> idIn(JsonNode line, String key) {
        if (line.path(key).isTextual()) {
            return Optional.of(line.get(key).asText());
        }
        for (JsonNode nested : line) {
            if (nested.isObject() && nested.path(key).isTextual()) {
                return Optional.of(nested.get(key).asText());
            }
        }
        return Optional.empty();
    }
}
