package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.Archetype;
import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.Option;
import io.github.lambdacontainer.engine.RefusedOptionsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A request's parameters to a project, through the engine: the whole project or a problem, never part of one. */
final class ProjectGenerator {

    private final Archetype archetype;
    private final ProjectParameters parameters;

    ProjectGenerator(Archetype archetype, ServiceLimits limits) {
        this.archetype = archetype;
        this.parameters = new ProjectParameters(archetype.metadata(), limits);
    }

    Archetype archetype() {
        return archetype;
    }

    /**
     * The parameters of /diff's base: its {@code base.} ones, and the target's value of each free-text
     * option (what names the project: groupId, artifactId, package, ...) unless the base gives its own. The
     * choices (options with listed values) take their defaults. So {@code ?groupId=g&artifactId=a&worker=sqs}
     * shows what worker=sqs changes in that project.
     */
    List<Map.Entry<String, String>> baseOfDiff(List<Map.Entry<String, String>> request) {
        List<Map.Entry<String, String>> base = new ArrayList<>(request);
        for (Option option : archetype.metadata().options()) {
            String inBase = Route.DIFF_BASE_PREFIX + option.name();
            boolean given = request.stream().anyMatch(parameter -> parameter.getKey().equals(inBase));
            if (option.allowedValues().isEmpty() && !given) {
                request.stream().filter(parameter -> parameter.getKey().equals(option.name())).findFirst()
                        .ifPresent(parameter -> base.add(Map.entry(inBase, parameter.getValue())));
            }
        }
        return base;
    }

    GeneratedProject generate(List<Map.Entry<String, String>> request) throws ProblemException {
        return generate(request, "", null);
    }

    /** The project the parameters starting with {@code prefix} describe, leaving out those starting with {@code otherPrefix}. */
    GeneratedProject generate(List<Map.Entry<String, String>> request, String prefix, String otherPrefix)
            throws ProblemException {
        parameters.checkSize(request);
        Map<String, String> answers = parameters.answers(request, prefix, otherPrefix);
        List<String> problems = new ArrayList<>();
        GeneratedProject project = null;
        try {
            project = archetype.generate(answers);
        } catch (RefusedOptionsException refused) {
            problems.addAll(refused.problems());
        }
        problems.addAll(parameters.unknownNames(answers, prefix, problems));
        if (!problems.isEmpty()) {
            throw new ProblemException(problems, answers);
        }
        return project;
    }
}
