package io.github.lambdacontainer.archetype.contract.runtime;

/**
 * The CPU Lambda gives a function for its memory size: CPU time in proportion to memory, one vCPU's
 * worth at 1,769 MB (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html), so a
 * 1,024 MB function gets about 0.58 of one; spread over the vCPUs its microVM shows, which AWS
 * does not document: 2 up to 3,008 MB, then one more per ~1,769 MB up to 6 (measured by users,
 * e.g. github.com/rwnx/lambda-cpuinfo). A JVM there sees that many processors and no quota.
 */
public record LambdaCpu(double share, int visibleProcessors) {

    private static final double MB_PER_VCPU = 1769;

    public static LambdaCpu forMemory(int memoryMb) {
        int visible = memoryMb <= 3008 ? 2 : Math.max(3, (int) Math.ceil(memoryMb / MB_PER_VCPU));
        return new LambdaCpu(memoryMb / MB_PER_VCPU, Math.min(6, visible));
    }

    /**
     * The JVM option that makes it size its threads for the processors Lambda shows, where the
     * quota's cgroup would make it count one.
     */
    String processorCountOption() {
        return "-XX:ActiveProcessorCount=" + visibleProcessors;
    }
}
