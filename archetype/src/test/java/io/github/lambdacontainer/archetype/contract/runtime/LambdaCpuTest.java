package io.github.lambdacontainer.archetype.contract.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LambdaCpuTest {

    @Test
    void shareIsProportionalToMemoryWithOneVcpuAt1769Mb() {
        assertEquals(1024 / 1769.0, LambdaCpu.forMemory(1024).share(), 1e-9);
        assertEquals(1.0, LambdaCpu.forMemory(1769).share(), 1e-9);
        assertEquals(2048 / 1769.0, LambdaCpu.forMemory(2048).share(), 1e-9);
    }

    @Test
    void microVmShowsTwoVcpusUpTo3008MbThenOneMorePerVcpuOfShareUpToSix() {
        assertEquals(2, LambdaCpu.forMemory(128).visibleProcessors());
        assertEquals(2, LambdaCpu.forMemory(3008).visibleProcessors());
        assertEquals(3, LambdaCpu.forMemory(3009).visibleProcessors());
        assertEquals(3, LambdaCpu.forMemory(5307).visibleProcessors());
        assertEquals(4, LambdaCpu.forMemory(5308).visibleProcessors());
        assertEquals(5, LambdaCpu.forMemory(8845).visibleProcessors());
        assertEquals(6, LambdaCpu.forMemory(10240).visibleProcessors());
        assertEquals("-XX:ActiveProcessorCount=2", LambdaCpu.forMemory(1024).processorCountOption());
    }

    /** A busy loop in the sandbox with half a CPU uses about half the wall-clock time in CPU. */
    @Test
    void sandboxCpuQuotaHoldsAProcessToItsShare() throws Exception {
        assumeTrue(LambdaSandbox.cpuQuotaUnavailable().isEmpty(),
                () -> "skipped: " + LambdaSandbox.cpuQuotaUnavailable().orElse(""));
        // Not under /tmp, which the sandbox replaces with its own.
        Path imageRoot = LambdaSandbox.createWorkDirectory("cpu-quota-test");
        try (LambdaSandbox.Sandboxed sandboxed = LambdaSandbox.wrap(List.of("/bin/sh", "-c", "while :; do :; done"),
                imageRoot, null, 256, OptionalDouble.of(0.5))) {
            assertTrue(sandboxed.cpuCgroup().isPresent(), sandboxed.description());
            Process busy = new ProcessBuilder(sandboxed.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                long started = System.nanoTime();
                Thread.sleep(2000);
                Duration cpu = busy.info().totalCpuDuration().orElseThrow();
                double wall = (System.nanoTime() - started) / 1e9;
                double used = cpu.toNanos() / 1e9 / wall;
                // Unlimited, the loop would use a whole CPU (1.0); the quota holds it near 0.5.
                assertTrue(used < 0.7, "the busy loop used " + used + " of a CPU under a quota of 0.5");
                assertTrue(used > 0.2, "the busy loop used only " + used + " of a CPU: did it run?");
            } finally {
                busy.destroyForcibly().waitFor();
            }
        } finally {
            Files.deleteIfExists(imageRoot);
        }
    }
}
