package io.github.lambdacontainer.archetype.contract.benchmark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.archetype.contract.benchmark.ColdStartBenchmark.Cpu;
import io.github.lambdacontainer.archetype.contract.benchmark.ColdStartBenchmark.Result;
import io.github.lambdacontainer.archetype.contract.benchmark.ColdStartBenchmark.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkTargetsTest {

    private static Result result(String name, String framework, String database, long coldMs, long rssKb, double warmP50Ms,
            boolean asBuilt) {
        return new Result(name, framework, database, 25, "25", List.of(coldMs), List.of(coldMs), -1, List.of(rssKb), 0,
                warmP50Ms, warmP50Ms * 3, asBuilt, "sandbox");
    }

    @Test
    void eachVariantAsBuiltIsJudgedAgainstItsFrameworksTargetsInTrainedFloorUnits() {
        Result trainedFloor = result("trained floor", "floor", "none", 100, 1000, 1.0, true);
        Result stockFloor = result("stock floor", "floor", "none", 140, 1000, 1.0, true);
        Table table = new Table(Cpu.HOST_CORES, stockFloor, trainedFloor, List.of(
                result(ColdStartBenchmark.UNPACKING_FLOOR, "floor", "none", 110, 1000, 1.0, true),
                result("plain-none-java25", "plain", "none", 120, 1050, 1.4, true),
                result("plain-mysql-java25", "plain", "mysql", 160, 1200, 2.0, true),
                result("springboot-mysql-java25", "springboot", "mysql", 270, 1500, 4.0, true),
                result("springboot-mysql-java25 (base image start)", "springboot", "mysql", 900, 3000, 4.0, false)));

        String section = BenchmarkTargets.section("## Targets", List.of(table));

        assertTrue(section.contains("| plain-none-java25 | host cores | 1.20 | 1.25 | yes | - | 1.05 | 1.10 | yes | 1.40 | 1.5 | yes |"),
                section);
        assertTrue(section.contains(
                "| plain-mysql-java25 | host cores | 1.60 | 1.25 | no | +0.40 (not met) | 1.20 | 1.10 | no | 2.00 | 1.5 | no |"),
                section);
        // No none twin among the results: nothing to compare the embedded database with.
        assertTrue(section.contains("| springboot-mysql-java25 | host cores | 2.70 | 2.75 | yes | - | 1.50 | 1.60 | yes | 4.00 | 5.0 | yes |"),
                section);
        assertFalse(section.contains("base image start"), "only images as built are judged");
        assertFalse(section.contains(ColdStartBenchmark.UNPACKING_FLOOR), "the floors are not judged");
    }
}
