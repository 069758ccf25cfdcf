package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.archetype.LongRun.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LongRun}'s judging, with made-up samples: a steady run passes, a leaking one fails. */
class LongRunTest {

    private static Sample at(int invocations, long rssKb, long threads) {
        return new Sample(invocations, rssKb, threads, invocations * 2_000_000L);
    }

    @Test
    void aSteadyRunPasses() {
        List<Sample> samples = List.of(at(1_000, 150_000, 20), at(2_000, 180_000, 22), at(10_000, 190_000, 24),
                at(20_000, 197_000, 21));
        assertEquals(List.of(), LongRun.problems(samples, 2_000));
        assertEquals(2_000.0, LongRun.msPerThousand(samples, 2_000), 1e-9);
    }

    @Test
    void growthDuringWarmUpDoesNotCount() {
        List<Sample> samples = List.of(at(1_000, 100_000, 15), at(2_000, 180_000, 22), at(20_000, 180_000, 22));
        assertEquals(List.of(), LongRun.problems(samples, 2_000));
    }

    @Test
    void peakRssGrowingMoreThanTenPercentFails() {
        List<Sample> samples = List.of(at(2_000, 180_000, 22), at(20_000, 198_001, 22));
        List<String> problems = LongRun.problems(samples, 2_000);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().startsWith("peak RSS grew from 180000 KB"), problems.toString());
    }

    @Test
    void exactlyTenPercentPasses() {
        assertEquals(List.of(), LongRun.problems(List.of(at(2_000, 180_000, 22), at(20_000, 198_000, 22)), 2_000));
    }

    @Test
    void aThreadLeakFailsEvenWhenTheLastSampleIsBackDown() {
        List<Sample> samples = List.of(at(2_000, 180_000, 22), at(10_000, 180_000, 22 + LongRun.THREAD_SLACK + 1),
                at(20_000, 180_000, 22));
        List<String> problems = LongRun.problems(samples, 2_000);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().startsWith("live threads went from 22"), problems.toString());
    }

    @Test
    void threadsWithinTheSlackPass() {
        assertEquals(List.of(), LongRun.problems(List.of(at(2_000, 1, 22), at(20_000, 1, 22 + LongRun.THREAD_SLACK)),
                2_000));
    }

    @Test
    void unreadableFiguresFail() {
        assertEquals(1, LongRun.problems(List.of(at(2_000, -1, -1), at(20_000, -1, -1)), 2_000).size());
        assertEquals(1, LongRun.problems(List.of(at(1_000, 1, 1)), 2_000).size());
        assertEquals(1, LongRun.problems(List.of(at(2_000, 1, 1)), 2_000).size());
    }

    @Test
    void aResponseMustCarryItsOwnRequestsCorrelationIdOnly() {
        assertEquals(java.util.Optional.empty(), LongRun.correlationProblem("soak-c1-r2", List.of("soak-c1-r2")));
        assertTrue(LongRun.correlationProblem("soak-c1-r2", List.of("soak-c7-r2")).isPresent(), "another request's");
        assertTrue(LongRun.correlationProblem("soak-c1-r2", List.of()).isPresent(), "none");
        assertTrue(LongRun.correlationProblem("soak-c1-r2", List.of("soak-c1-r2", "soak-c7-r2")).isPresent(), "two");
    }
}
