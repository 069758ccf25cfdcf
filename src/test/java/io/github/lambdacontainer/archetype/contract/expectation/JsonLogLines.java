package io.github.lambdacontainer.archetype.contract.expectation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The promise of a function with {@code LoggingConfig: LogFormat: JSON}: every line it writes to
 * stdout or stderr, from its JVM's start through every event, is one JSON object, so CloudWatch
 * Logs Insights can query all of them. The one line exempt is the JVM launcher's
 * {@code Picked up JAVA_TOOL_OPTIONS: ...}, which the JVM prints whenever that variable is set,
 * whoever set it (on Lambda too), and which the function cannot suppress.
 */
public final class JsonLogLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 5;

    private JsonLogLines() {}

    /**
     * Why {@code output} breaks the promise: the lines that are not one JSON object each, with
     * their line numbers (at most {@value #SHOWN} shown), or empty when it keeps it.
     */
    public static Optional<String> problem(List<String> output, Optional<String> pickedUpLine) {
        List<String> offending = new ArrayList<>();
        int count = 0;
        for (int index = 0; index < output.size(); index++) {
            String line = output.get(index);
            if (isJsonObject(line) || pickedUpLine.map(line::equals).orElse(false)) {
                continue;
            }
            count++;
            if (offending.size() < SHOWN) {
                offending.add("line " + (index + 1) + ": " + (line.length() <= 200 ? line : line.substring(0, 200) + "..."));
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(count + " of the " + output.size() + " lines the function wrote are not a JSON object each, "
                + "though template.yaml sets LoggingConfig LogFormat: JSON:\n      " + String.join("\n      ", offending));
    }

    private static boolean isJsonObject(String line) {
        if (!line.startsWith("{")) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
