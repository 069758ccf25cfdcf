package io.github.lambdacontainer.engine;

import java.util.List;

/** What an archetype asks: its options, and the combinations of values it refuses. */
public record Metadata(List<Option> options, List<RefusedCombination> refusedCombinations) {
}
