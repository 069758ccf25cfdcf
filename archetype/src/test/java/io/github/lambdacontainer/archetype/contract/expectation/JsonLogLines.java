package io.github.lambdacontainer.archetype.contract.expectation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The promise of a function with {@code LoggingConfig: LogFormat: JSON}: every line it writes to
 * stdout or stderr, from its JVM's start through every event, is one JSON object, so CloudWatch
 * Logs Insights can query all of them. The one line exempt is the JVM launcher's
 * {@code Picked up JAVA_TOOL_OPTIONS: ...}, which the JVM prints whenever that variable is set,
 * whoever set it (on Lambda too), and which the function cannot suppress.
 *
 * <p>Where the JVM running the image is a stand-in of another release (a Java 21 image on JDK 25
 * here), the lines that JVM prints itself, in its own formats (unified logging's
 * {@code [0.03s][error][cds] ...}, a {@code WARNING:} block and the blank line after it), say
 * nothing about the image's own JVM: they are left out and counted by {@link #jvmLines}.
 */
public final class JsonLogLines {

    /** Strict: a line with anything after its JSON object is not one JSON object. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern UNIFIED_LOGGING = Pattern.compile("^\\[\\d+(\\.\\d+)?s\\]\\[(warning|error)\\s*\\]\\[.*");
    private static final int SHOWN = 5;

    private JsonLogLines() {}

    /**
     * Why {@code output} breaks the promise: the lines that are not one JSON object each, with
     * their line numbers (at most {@value #SHOWN} shown), or empty when it keeps it.
     */
    public static Optional<String> problem(List<String> output, Optional<String> pickedUpLine, boolean standInJvm) {
        List<String> offending = new ArrayList<>();
        int count = 0;
        for (int index = 0; index < output.size(); index++) {
            String line = output.get(index);
            if (isJsonObject(line) || pickedUpLine.map(line::equals).orElse(false)
                    || standInJvm && isJvmLine(output, index)) {
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

    /** How many lines of {@code output} the JVM printed itself, in its own formats. */
    public static int jvmLines(List<String> output) {
        int count = 0;
        for (int index = 0; index < output.size(); index++) {
            if (!isJsonObject(output.get(index)) && isJvmLine(output, index)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isJvmLine(List<String> output, int index) {
        String line = output.get(index);
        return UNIFIED_LOGGING.matcher(line).matches() || line.startsWith("WARNING: ")
                || line.isEmpty() && index > 0 && output.get(index - 1).startsWith("WARNING: ");
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
