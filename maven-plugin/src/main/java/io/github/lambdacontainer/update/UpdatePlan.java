package io.github.lambdacontainer.update;

import io.github.lambdacontainer.engine.Archetype;
import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.Option;
import io.github.lambdacontainer.engine.ProjectFile;
import io.github.lambdacontainer.engine.RefusedOptionsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an update of a project would do: base (the recorded archetype version with the recorded
 * answers) and theirs (the target version with the answers and their changes) rendered by the
 * engine, and merged into the project. Computed wholly in memory, before anything is written.
 */
record UpdatePlan(ArchetypeRecord record, String targetVersion, Map<String, String> answerChanges,
        SortedMap<String, ProjectMerge.FileMerge> merges) {

    /**
     * @param userProperties the -D properties of the Maven run: those naming an option of the target
     *     archetype change that answer
     */
    static UpdatePlan make(ArchetypeRecord record, Path baseJar, String targetVersion, Path targetJar,
            Map<String, String> userProperties, Function<String, ProjectFile> ours) throws UpdateRefusedException {
        try (Archetype base = open(baseJar); Archetype target = open(targetJar)) {
            requireEveryOption(record, base);
            GeneratedProject baseProject;
            try {
                baseProject = base.generate(record.answers());
            } catch (RefusedOptionsException e) {
                throw new UpdateRefusedException("The answers recorded in " + ArchetypeRecord.PATH + " are refused by "
                        + record.coordinates() + ": " + e.getMessage() + " Restore the file from git or correct "
                        + "the value there.", e);
            }
            Map<String, String> changes = answerChanges(record, target, userProperties);
            GeneratedProject theirs;
            try {
                theirs = target.generate(record.answersWith(changes));
            } catch (RefusedOptionsException e) {
                throw new UpdateRefusedException(e.getMessage(), e);
            }
            ProjectMerge.Labels labels = new ProjectMerge.Labels("yours",
                    "archetype " + record.archetypeVersion(), "archetype " + targetVersion
                            + (changes.isEmpty() ? "" : " " + describe(changes)));
            return new UpdatePlan(record, targetVersion, changes,
                    ProjectMerge.merge(baseProject.files(), theirs.files(), ours, labels));
        }
    }

    List<ProjectMerge.FileMerge> conflicts() {
        return merges.values().stream().filter(merge -> merge.outcome().isConflict()).toList();
    }

    /** One line per path: what happens to it. */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (ProjectMerge.FileMerge merge : merges.values()) {
            lines.add(String.format("  %-9s %s", merge.outcome().name().toLowerCase().replace('_', '-'), merge.path())
                    + (merge.outcome() == ProjectMerge.Outcome.UPDATED || merge.outcome() == ProjectMerge.Outcome.CREATED
                            || merge.outcome() == ProjectMerge.Outcome.DELETED ? "" : ": " + merge.outcome().description()));
        }
        return lines;
    }

    static String describe(Map<String, String> changes) {
        return changes.entrySet().stream().map(entry -> "-D" + entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "));
    }

    private static Archetype open(Path jar) throws UpdateRefusedException {
        try {
            return Archetype.open(jar);
        } catch (IOException e) {
            throw new UpdateRefusedException("The archetype jar " + jar + " cannot be read (" + e.getMessage()
                    + "). Delete it from the local repository so Maven downloads it again.", e);
        }
    }

    /**
     * A recorded answer missing or misspelt would silently take its default and make base differ
     * from what made the project, so every option of the recorded version must be there, and
     * nothing else.
     */
    private static void requireEveryOption(ArchetypeRecord record, Archetype base) throws UpdateRefusedException {
        Set<String> options = base.metadata().options().stream().map(Option::name)
                .collect(Collectors.toCollection(TreeSet::new));
        options.addAll(ArchetypeRecord.PROJECT_IDENTITY);
        Set<String> missing = new TreeSet<>(options);
        missing.removeAll(record.answers().keySet());
        Set<String> unknown = new TreeSet<>(record.answers().keySet());
        unknown.removeAll(options);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new UpdateRefusedException(ArchetypeRecord.PATH + " does not match the options of "
                    + record.coordinates() + (missing.isEmpty() ? "" : ": it has no value for " + missing)
                    + (unknown.isEmpty() ? "" : ": it names options that archetype does not have: " + unknown)
                    + ". Restore the file from git, or correct it to name the options that made the project "
                    + "(their names and values are in docs/options.md).");
        }
    }

    /** The -D properties that name an option of the target archetype and change its recorded answer. */
    private static Map<String, String> answerChanges(ArchetypeRecord record, Archetype target,
            Map<String, String> userProperties) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (Option option : target.metadata().options()) {
            String value = userProperties.get(option.name());
            if (value != null && !ArchetypeRecord.PROJECT_IDENTITY.contains(option.name())
                    && !value.equals(record.answers().get(option.name()))) {
                changes.put(option.name(), value);
            }
        }
        return changes;
    }
}
