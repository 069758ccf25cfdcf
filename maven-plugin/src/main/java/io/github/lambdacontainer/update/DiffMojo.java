package io.github.lambdacontainer.update;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints what {@code update} would change as a unified diff (on standard output, so
 * {@code ./mvnw -q lambda-container:diff > update.diff} keeps it), and the list of outcomes.
 * Changes no file. Takes the same -DarchetypeVersion and option changes as update.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends ArchetypeMojo {

    @Override
    void run(ArchetypeRecord record) throws UpdateRefusedException {
        UpdatePlan plan = plan(record);
        if (plan.merges().isEmpty()) {
            getLog().info("An update to " + plan.targetVersion() + " would change nothing.");
            return;
        }
        System.out.print(UnifiedDiff.of(plan.merges().values()));
        System.out.flush();
        getLog().info("An update from " + record.archetypeVersion() + " to " + plan.targetVersion()
                + (plan.answerChanges().isEmpty() ? "" : " with " + UpdatePlan.describe(plan.answerChanges()))
                + " would change:");
        plan.summary().forEach(getLog()::info);
    }
}
