package io.github.lambdacontainer.archetype.contract.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.archetype.RequiredChecks;
import io.github.lambdacontainer.archetype.TestDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /**
     * A busy loop in the sandbox with half a CPU uses about half the wall-clock time in CPU, with
     * its work directory in each place a checkout may be.
     */
    @ParameterizedTest(name = "work directory {0}")
    @MethodSource("io.github.lambdacontainer.archetype.TestDirectories#sandboxPlaces")
    void sandboxCpuQuotaHoldsAProcessToItsShare(TestDirectories.SandboxPlace place) throws Exception {
        RequiredChecks.assume(RequiredChecks.SANDBOX, LambdaSandbox.cpuQuotaUnavailable());
        Path imageRoot = LambdaSandbox.createWorkDirectory(place.base(), "cpu-quota-test");
        LambdaSandbox.ImageProcess loop = new LambdaSandbox.ImageProcess(List.of("/bin/sh", "-c", "while :; do :; done"),
                Map.of(), imageRoot, imageRoot);
        try (LambdaSandbox.Sandboxed sandboxed = LambdaSandbox.wrap(loop, imageRoot, null, 256, OptionalDouble.of(0.5))) {
            assertTrue(sandboxed.cpuCgroup().isPresent(), sandboxed.description());
            ProcessBuilder builder = new ProcessBuilder(sandboxed.command()).directory(imageRoot.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            Process busy = builder.start();
            try {
                Thread.sleep(500); // the sandbox's setup, then the loop alone
                if (!busy.isAlive()) {
                    throw new AssertionError("the sandboxed loop ended with " + busy.exitValue() + ": "
                            + new String(busy.getInputStream().readAllBytes()));
                }
                long started = System.nanoTime();
                Duration cpuBefore = busy.info().totalCpuDuration().orElseThrow();
                Thread.sleep(2000);
                Duration cpu = busy.info().totalCpuDuration().orElseThrow().minus(cpuBefore);
                double wall = (System.nanoTime() - started) / 1e9;
                double used = cpu.toNanos() / 1e9 / wall;
                // Unlimited, the loop would use a whole CPU (1.0); the quota holds it near 0.5. How far
                // below depends on what else this machine runs, so the floor only asks that it ran.
                assertTrue(used < 0.7, "the busy loop used " + used + " of a CPU under a quota of 0.5");
                assertTrue(used > 0.0, "the busy loop used no CPU: did it run?");
                assertTrue(Files.readAllLines(sandboxed.cpuCgroup().orElseThrow().resolve("cgroup.procs"))
                        .contains(Long.toString(busy.pid())), "the loop is not in its CPU cgroup " + sandboxed.cpuCgroup());
            } finally {
                busy.destroyForcibly().waitFor();
            }
        } finally {
            TestDirectories.deleteRecursively(imageRoot);
        }
    }
}
