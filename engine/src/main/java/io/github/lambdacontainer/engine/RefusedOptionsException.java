package io.github.lambdacontainer.engine;

import java.util.List;

/** Options that make no project: a misspelt name, a bad value, a refused combination, a missing value. */
public final class RefusedOptionsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RefusedOptionsException(List<String> problems) {
        // One line, the problems in order, as archetype:generate fails with them.
        super(String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence each, naming the option, the value and what is allowed. */
    public List<String> problems() {
        return problems;
    }
}
