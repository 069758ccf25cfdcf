package io.github.lambdacontainer.archetype.contract.concurrency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether each JSON log line that names a Lambda request id and a correlation id names the pair of
 * one invocation. The ids are the generated RequestIds' MDC keys, found at the top of the line or
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
