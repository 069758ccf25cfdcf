package io.github.lambdacontainer.service;

import java.util.List;
import java.util.Map;

/**
 * A request the service answers with a problem (RFC 9457, status 4xx, or 500 for its own fault) and no project.
 *
 * @param problems one sentence each; for options, the engine's, which are archetype:generate's
 * @param values   the request's values (the options the sentences name are looked up here)
 */
final class ProblemException extends Exception {

    private final int status;
    private final List<String> problems;
    private final Map<String, String> values;

    ProblemException(int status, List<String> problems, Map<String, String> values) {
        super(String.join(" ", problems));
        this.status = status;
        this.problems = List.copyOf(problems);
        this.values = values;
    }

    ProblemException(List<String> problems, Map<String, String> values) {
        this(400, problems, values);
    }

    int status() {
        return status;
    }

    List<String> problems() {
        return problems;
    }

    Map<String, String> values() {
        return values;
    }
}
