package io.github.lambdacontainer.update;

import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Updates the project to a newer archetype version (-DarchetypeVersion, default the newest), or
 * to changed options (-Dapi=http ...), by a three-way merge of the template's change into it
 * (docs/updating.md). Refuses, changing nothing, on a dirty git tree, an unresolvable version or
 * a missing or invalid .mvn/archetype.properties. Fails after writing when a file has conflicts.
 */
@Mojo(name = "update", threadSafe = true)
public class UpdateMojo extends ArchetypeMojo {

    @Override
    void run(ArchetypeRecord record) throws UpdateRefusedException, MojoExecutionException, MojoFailureException {
        ProjectDirectory directory = new ProjectDirectory(projectDirectory());
        directory.requireCleanGitTree();
        UpdatePlan plan = plan(record);
        boolean newVersion = !plan.targetVersion().equals(record.archetypeVersion());
        String what = newVersion
                ? "from " + record.archetypeVersion() + " to " + plan.targetVersion()
                        + (plan.answerChanges().isEmpty() ? "" : " with " + UpdatePlan.describe(plan.answerChanges()))
                : "to " + UpdatePlan.describe(plan.answerChanges()) + " (archetype " + record.archetypeVersion() + ")";
        if (!newVersion && plan.answerChanges().isEmpty()) {
            getLog().info("Nothing to update: the project is at " + record.coordinates() + ", the version to "
                    + "update to (the newest its repositories offer, or -DarchetypeVersion), and no option changes "
                    + "(-Dapi=... would change one).");
            return;
        }
        if (plan.merges().isEmpty()) {
            getLog().info("Nothing to change: the project already has everything the update " + what + " brings.");
            return;
        }
        try {
            directory.apply(plan.merges().values());
        } catch (IOException e) {
            throw new MojoExecutionException("Writing the update failed (" + e.getMessage() + "); the project is "
                    + "partly updated: git checkout . && git clean -fd undoes it.", e);
        }
        getLog().info("Updated " + what + ":");
        plan.summary().forEach(getLog()::info);
        List<ProjectMerge.FileMerge> conflicts = plan.conflicts();
        if (!conflicts.isEmpty()) {
            StringBuilder message = new StringBuilder("The update " + what + " left " + conflicts.size()
                    + " conflicted file(s); resolve each, then commit:");
            for (ProjectMerge.FileMerge conflict : conflicts) {
                message.append("\n  ").append(conflict.path()).append(conflict.outcome() == ProjectMerge.Outcome.CONFLICT
                        ? " (edit the lines between <<<<<<< and >>>>>>>, remove the markers)"
                        : " (binary: yours kept; the template's is " + conflict.path() + ProjectMerge.THEIRS_SUFFIX
                                + ": keep one, delete the other)");
            }
            throw new MojoFailureException(message.toString());
        }
        getLog().info("Review with git diff, build, and commit.");
    }
}
