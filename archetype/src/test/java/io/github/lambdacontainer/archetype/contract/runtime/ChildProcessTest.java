package io.github.lambdacontainer.archetype.contract.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin");

    /**
     * A process that printed more than the pipe holds and ended: closing it right away keeps every
     * line, since its callers read the log next (a curl answer read back empty made README checks fail).
     */
    @Test
    void closingAProcessThatEndedKeepsAllItPrinted(@TempDir Path scratch) throws Exception {
        int lines = 200_000;
        for (int run = 0; run < 5; run++) {
            Path log = scratch.resolve("seq-" + run + ".log");
            try (ChildProcess process = ChildProcess.start(List.of("seq", "1", Integer.toString(lines)), ENVIRONMENT,
                    scratch, log)) {
                assertTrue(process.waitFor(Duration.ofMinutes(1)), "seq did not end");
            }
            List<String> logged = Files.readAllLines(log);
            assertEquals(lines, logged.size(), "lines in " + log);
            assertEquals(Integer.toString(lines), logged.get(lines - 1));
        }
    }

    /** A process still running is killed with its children, and what it printed before stays in the log. */
    @Test
    void closingARunningProcessKillsItAndItsChildren(@TempDir Path scratch) throws Exception {
        Path log = scratch.resolve("sleeper.log");
        ProcessHandle child;
        try (ChildProcess process = ChildProcess.start(List.of("bash", "-c", "echo started; sleep 600 & wait"),
                ENVIRONMENT, scratch, log)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (process.process().descendants().findAny().isEmpty() || !process.outputTail().contains("started")) {
                assertTrue(System.nanoTime() < deadline, "the child never started: " + process.outputTail());
                Thread.sleep(20);
            }
            child = process.process().descendants().findFirst().orElseThrow();
        }
        ProcessHandle ended = child.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).get();
        assertNotNull(ended, "the child outlived close()");
        // What it printed before is kept (whatever the shell says of its own end after it).
        assertEquals("started", Files.readAllLines(log).getFirst());
    }
}
