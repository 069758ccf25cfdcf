package io.github.lambdacontainer.archetype;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of refused-options.csv, the refusals both the Groovy script and the engine are tested with:
 * the options given and the other -D names given.
 */
record RefusedOptionsCase(Map<String, String> options, Map<String, String> otherNames) {

    /** Where the cases are, for @CsvFileSource. */
    static final String CASES = "/refused-options.csv";

    /** @param options name=value pairs, ';'-separated, or null; @param otherNames space-separated, or null */
    static RefusedOptionsCase of(String options, String otherNames) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String pair : options == null ? new String[0] : options.split(";")) {
            given.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
        }
        Map<String, String> other = new LinkedHashMap<>();
        for (String name : otherNames == null ? new String[0] : otherNames.trim().split(" +")) {
            other.put(name, "jersey");
        }
        return new RefusedOptionsCase(given, other);
    }

    /** The artifactId the case generates: the one it gives, else "app". */
    String artifactId() {
        return options.getOrDefault("artifactId", "app");
    }
}
