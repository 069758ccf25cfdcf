package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.Metadata;
import io.github.lambdacontainer.engine.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request's parameters checked before the engine sees them: how many, how long, each given once. What a
 * value means is the engine's to judge (with archetype:generate's sentences), and names it does not know
 * are refused here.
 */
final class ProjectParameters {

    private final Metadata metadata;
    private final ServiceLimits limits;

    ProjectParameters(Metadata metadata, ServiceLimits limits) {
        this.metadata = metadata;
        this.limits = limits;
    }

    /** The names an option set may carry: the archetype's options, nothing else. */
    Set<String> optionNames() {
        return metadata.options().stream().map(Option::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** Checks the request as a whole: its size, before it is split into option sets. */
    void checkSize(List<Map.Entry<String, String>> parameters) throws ProblemException {
        if (parameters.size() > limits.maxParameters()) {
            throw new ProblemException(List.of("Too many parameters: " + parameters.size() + "; at most "
                    + limits.maxParameters() + " are taken."), Map.of());
        }
        for (Map.Entry<String, String> parameter : parameters) {
            for (String text : List.of(parameter.getKey(), parameter.getValue())) {
                if (text.length() > limits.maxValueLength()) {
                    throw new ProblemException(List.of("Parameter '" + shortened(parameter.getKey()) + "' is "
                            + text.length() + " characters long; at most " + limits.maxValueLength() + " are taken."), Map.of());
                }
            }
        }
    }

    /**
     * The answers for the engine from the parameters whose names start with {@code prefix} (the prefix
     * taken off), leaving out those that start with {@code otherPrefix} (null: none). Unknown names pass
     * through: the engine names a misspelt option; {@link #unknownNames} the rest.
     */
    Map<String, String> answers(List<Map.Entry<String, String>> parameters, String prefix, String otherPrefix)
            throws ProblemException {
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> parameter : parameters) {
            if (!parameter.getKey().startsWith(prefix) || (otherPrefix != null && parameter.getKey().startsWith(otherPrefix))) {
                continue;
            }
            String name = parameter.getKey().substring(prefix.length());
            if (answers.putIfAbsent(name, parameter.getValue()) != null) {
                problems.add("Parameter '" + parameter.getKey() + "' is given more than once; give it once.");
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(problems, answers);
        }
        return answers;
    }

    /** Sentences for the names that are no option and that the engine's problems do not already name. */
    List<String> unknownNames(Map<String, String> answers, String prefix, List<String> engineProblems) {
        List<String> problems = new ArrayList<>();
        for (String name : answers.keySet()) {
            boolean named = engineProblems.stream().anyMatch(problem -> problem.contains("'" + name + "'"));
            if (!optionNames().contains(name) && !named) {
                problems.add("Unknown parameter '" + prefix + printable(name) + "'. Parameters: "
                        + optionNames().stream().map(option -> prefix + option).collect(Collectors.joining(", ")) + ".");
            }
        }
        return problems;
    }

    /** A value as a sentence can show it: control characters as \\uXXXX. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    private static String shortened(String name) {
        return printable(name.length() > 40 ? name.substring(0, 40) + "..." : name);
    }
}
