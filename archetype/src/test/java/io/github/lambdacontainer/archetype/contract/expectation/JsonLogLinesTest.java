package io.github.lambdacontainer.archetype.contract.expectation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLogLinesTest {

    private static final String PICKED_UP = "Picked up JAVA_TOOL_OPTIONS: -Xlog:class+load=info:file=/x";
    private static final List<String> JVM_WARNING = List.of(
            "[0.030s][error][cds] Mismatched values for property jdk.module.addopens",
            "WARNING: A restricted method in java.lang.System has been called",
            "WARNING: Restricted methods will be blocked in a future release unless native access is enabled",
            "");

    @Test
    void jsonObjectsAndTheJvmsPickedUpLineKeepThePromise() {
        assertEquals(Optional.empty(), JsonLogLines.problem(List.of(PICKED_UP, "{\"level\":\"INFO\"}", "{}"),
                Optional.of(PICKED_UP), false));
    }

    @Test
    void anyOtherLineBreaksItAndIsNamedWithItsNumber() {
        Optional<String> problem = JsonLogLines.problem(List.of("{}", "09:10:00.008 [main] INFO Starting", "[1, 2]",
                "{\"a\":1} trailing"), Optional.of(PICKED_UP), false);

        assertTrue(problem.orElseThrow().startsWith("3 of the 4 lines"), problem.get());
        assertTrue(problem.get().contains("line 2: 09:10:00.008 [main] INFO Starting"), problem.get());
        assertTrue(problem.get().contains("line 3: [1, 2]"), problem.get());
    }

    @Test
    void aPickedUpLineForOtherOptionsThanTheOnesGivenIsNotExempt() {
        assertTrue(JsonLogLines.problem(List.of("Picked up JAVA_TOOL_OPTIONS: -Xshare:off"), Optional.of(PICKED_UP), false)
                .isPresent());
    }

    @Test
    void theJvmsOwnLinesAreLeftOutOnlyForAStandInJvmAndTheFunctionsLinesStillCount() {
        assertTrue(JsonLogLines.problem(JVM_WARNING, Optional.empty(), false).isPresent(), "on the image's own JVM");
        assertEquals(Optional.empty(), JsonLogLines.problem(JVM_WARNING, Optional.empty(), true));
        assertEquals(4, JsonLogLines.jvmLines(JVM_WARNING));
        assertTrue(JsonLogLines.problem(List.of("WARNING: x", "", "plain text from the function"), Optional.empty(), true)
                .orElseThrow().contains("line 3: plain text from the function"));
    }
}
