package io.github.lambdacontainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark rewrites its own section of docs/performance.md and nothing else. */
class PerformanceSectionTest {

    @Test
    void replacesItsSectionAndLeavesTheOthers() {
        String text = "# Performance\n\n## Cold start\n\nold a\n\n## Generator\n\nold figures\n\n## Later\n\nkept\n";
        assertEquals("# Performance\n\n## Cold start\n\nold a\n\n## Generator\n\nnew\n\n## Later\n\nkept\n",
                GeneratorBenchmark.withSection(text, "## Generator\n\nnew\n"));
    }

    @Test
    void appendsItsSectionWhenAbsent() {
        assertEquals("# Performance\n\n## Cold start\n\na\n\n## Generator\n\nnew\n",
                GeneratorBenchmark.withSection("# Performance\n\n## Cold start\n\na\n", "## Generator\n\nnew\n"));
    }
}
