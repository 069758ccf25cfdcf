package io.github.lambdacontainer.service;

import java.util.List;
import java.util.Map;

/**
 * A request the service answers with a problem (RFC 9457) and no project.
 *
 * @param problems one sentence each; for options, the engine's, which are archetype:generate's
 * @param values   the request's values (the options the sentences name are looked up here)
 */
final class BadRequestException extends Exception {

    private final int status;
    private final List<String> problems;
    private final Map<String, String> values;

    BadRequestException(int status, List<String> problems, Map<String, String> values) {
        super(String.join(" ", problems));
        this.status = status;
        this.problems = List.copyOf(problems);
        this.values = values;
    }

    BadRequestException(List<String> problems, Map<String, String> values) {
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
