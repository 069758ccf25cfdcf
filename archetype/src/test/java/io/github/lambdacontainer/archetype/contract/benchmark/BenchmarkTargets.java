package io.github.lambdacontainer.archetype.contract.benchmark;

import io.github.lambdacontainer.archetype.contract.benchmark.ColdStartBenchmark.Cpu;
import io.github.lambdacontainer.archetype.contract.benchmark.ColdStartBenchmark.Result;
import io.github.lambdacontainer.archetype.contract.benchmark.ColdStartBenchmark.Table;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cold-start targets (medians, ratios to the trained floor of the same table), each variant's
 * figure next to its target and whether it is met. Reported, never asserted: timings do not fail
 * the build.
 */
final class BenchmarkTargets {

    /** Cold start to the answer of GET /hello, per framework. */
    static final Map<String, Double> COLD_START = Map.of("plain", 1.25, "jersey", 2.0, "springboot", 2.75);
    /** What the embedded database may add to its framework's cold start without one, in trained-floor units. */
    static final double EMBEDDED_DATABASE = 0.3;
    static final Map<String, Double> PEAK_RSS = Map.of("plain", 1.1, "jersey", 1.35, "springboot", 1.6);
    static final Map<String, Double> WARM_P50 = Map.of("plain", 1.5, "jersey", 5.0, "springboot", 5.0);

    private BenchmarkTargets() {}

    static String section(String heading, List<Table> tables) {
        StringBuilder out = new StringBuilder(heading).append("\n\n");
        out.append(String.format(Locale.ROOT, """
                Written by `ColdStartBenchmark` from the tables above: every variant as built, as a ratio to the
                trained floor of the same table. Targets: cold start plain <= %.2fx, jersey <= %.2fx, springboot <= %.2fx,
                and an embedded-database (`mysql`) variant <= its `none` twin + %.1fx; peak RSS plain <= %.2fx,
                jersey <= %.2fx, springboot <= %.2fx; warm p50 plain <= %.1fx, jersey and springboot <= %.1fx.

                | variant | CPU | cold start x | target | met | + over its `none` twin | peak RSS x | target | met | warm p50 x | target | met |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """, COLD_START.get("plain"), COLD_START.get("jersey"), COLD_START.get("springboot"), EMBEDDED_DATABASE,
                PEAK_RSS.get("plain"), PEAK_RSS.get("jersey"), PEAK_RSS.get("springboot"), WARM_P50.get("plain"),
                WARM_P50.get("jersey")));
        for (Table table : tables) {
            for (Result result : table.results()) {
                if (result.asBuilt() && COLD_START.containsKey(result.framework())) {
                    out.append(row(table, result));
                }
            }
        }
        return out.toString();
    }

    private static String row(Table table, Result result) {
        Result floor = table.trainedFloor();
        double cold = (double) result.coldMedianMs() / floor.coldMedianMs();
        double rss = (double) result.peakRssMedianKb() / floor.peakRssMedianKb();
        double warm = result.warmP50Ms() / floor.warmP50Ms();
        Optional<Result> twin = result.database().equals("none") ? Optional.empty()
                : table.results().stream()
                        .filter(other -> other.asBuilt() && other.database().equals("none")
                                && other.framework().equals(result.framework()) && other.release() == result.release())
                        .findFirst();
        String overTwin = twin.map(none -> {
            double added = cold - (double) none.coldMedianMs() / floor.coldMedianMs();
            return String.format(Locale.ROOT, "%+.2f (%s)", added, added <= EMBEDDED_DATABASE ? "met" : "not met");
        }).orElse("-");
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s | %s | %.2f | %.2f | %s | %.2f | %.1f | %s |%n",
                result.name(), table.cpu() == Cpu.HOST_CORES ? "host cores" : "Lambda share", cold,
                COLD_START.get(result.framework()), met(cold, COLD_START.get(result.framework())), overTwin,
                rss, PEAK_RSS.get(result.framework()), met(rss, PEAK_RSS.get(result.framework())),
                warm, WARM_P50.get(result.framework()), met(warm, WARM_P50.get(result.framework())));
    }

    private static String met(double value, double target) {
        return value <= target ? "yes" : "no";
    }
}
