package io.github.lambdacontainer.archetype;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@link LongRunIT} judges a long run of warm invocations from samples of the function's JVM
 * taken every so many invocations: after warm-up its peak RSS (VmHWM) may grow by at most a
 * fraction, and its live thread count must stay flat, within a fixed slack.
 */
final class LongRun {

    /** Peak RSS may grow by at most 10% from the end of warm-up to the end of the run. */
    static final double MAX_RSS_GROWTH = 0.10;

    /**
     * Threads the JVM may add after warm-up without leaking: HotSpot starts and stops compiler
     * threads as the compile queue needs them (UseDynamicNumberOfCompilerThreads, up to 2 here
     * each for C1 and C2), and the common ForkJoin pool and the pool's housekeeper come and go;
     * a leak of one thread per request or per connection grows without bound and goes far past 4.
     */
    static final int THREAD_SLACK = 4;

    private LongRun() {}

    /** The function's JVM after {@code invocations} warm invocations, the run having taken {@code elapsedNanos} so far. */
    record Sample(int invocations, long peakRssKb, long threads, long elapsedNanos) {}

    /**
     * Why the run after {@code warm} (the first sample at or after the warm-up) is not steady, one
     * sentence per problem; empty when it is. Every sample after {@code warm} counts, not only
     * the last, so a leak that a later drop hides still fails.
     */
    static List<String> problems(List<Sample> samples, int warmUpInvocations) {
        List<String> problems = new ArrayList<>();
        Sample warm = samples.stream().filter(sample -> sample.invocations() >= warmUpInvocations).findFirst()
                .orElse(null);
        if (warm == null) {
            return List.of("no sample at or after the warm-up of " + warmUpInvocations + " invocations");
        }
        Sample end = samples.getLast();
        if (end == warm) {
            problems.add("no sample after the warm-up (" + warm.invocations() + " invocations): nothing to compare");
        }
        if (warm.peakRssKb() <= 0 || warm.threads() <= 0) {
            problems.add("the JVM's peak RSS and thread count were not readable at " + warm.invocations()
                    + " invocations (" + warm + ")");
            return problems;
        }
        long allowedRssKb = (long) Math.floor(warm.peakRssKb() * (1 + MAX_RSS_GROWTH));
        if (end.peakRssKb() > allowedRssKb) {
            problems.add(String.format("peak RSS grew from %d KB at %d invocations to %d KB at %d (+%.1f%%), more than "
                    + "%.0f%%", warm.peakRssKb(), warm.invocations(), end.peakRssKb(), end.invocations(),
                    100.0 * (end.peakRssKb() - warm.peakRssKb()) / warm.peakRssKb(), 100 * MAX_RSS_GROWTH));
        }
        for (Sample sample : samples.subList(samples.indexOf(warm), samples.size())) {
            if (sample.threads() <= 0) {
                problems.add("the thread count was not readable at " + sample.invocations() + " invocations");
            } else if (sample.threads() > warm.threads() + THREAD_SLACK) {
                problems.add("live threads went from " + warm.threads() + " at " + warm.invocations() + " invocations to "
                        + sample.threads() + " at " + sample.invocations() + ", more than " + THREAD_SLACK + " more");
                break;
            }
        }
        return problems;
    }

    /** Milliseconds per 1,000 invocations after the warm-up sample, or -1 without a later one. */
    static double msPerThousand(List<Sample> samples, int warmUpInvocations) {
        Sample warm = samples.stream().filter(sample -> sample.invocations() >= warmUpInvocations).findFirst()
                .orElse(null);
        Sample end = samples.getLast();
        if (warm == null || end.invocations() <= warm.invocations()) {
            return -1;
        }
        return (end.elapsedNanos() - warm.elapsedNanos()) / 1e6 / ((end.invocations() - warm.invocations()) / 1000.0);
    }

    /**
     * Why a response's X-Correlation-Id values ({@code echoed}) are not exactly the one its own
     * request sent, if they are not: missing, repeated, or another request's.
     */
    static Optional<String> correlationProblem(String sent, List<String> echoed) {
        if (echoed.equals(List.of(sent))) {
            return Optional.empty();
        }
        return Optional.of(echoed.isEmpty() ? "no X-Correlation-Id in the response to " + sent
                : "X-Correlation-Id " + echoed + " in the response to " + sent + ", not its own");
    }
}
