package io.github.lambdacontainer.engine;

import java.util.Map;

/** Values that are valid one by one, refused when all of {@code when} are chosen together, and why. */
public record RefusedCombination(Map<String, String> when, String reason) {
}
