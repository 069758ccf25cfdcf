package io.github.lambdacontainer.update;

import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails when a newer archetype version than the one that made the project exists in the
 * project's repositories, naming both and the command that updates; passes otherwise. For CI.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends ArchetypeMojo {

    @Override
    void run(ArchetypeRecord record) throws UpdateRefusedException, MojoFailureException {
        Optional<String> newest = repository().newestVersion(record);
        if (newest.isPresent() && ArchetypeRepository.compare(newest.get(), record.archetypeVersion()) > 0) {
            throw new MojoFailureException("This project was generated from " + record.coordinates()
                    + "; a newer version, " + newest.get() + ", exists. Update with: ./mvnw lambda-container:update"
                    + " (or see what would change first: ./mvnw lambda-container:diff)");
        }
        getLog().info("Up to date: " + record.coordinates() + " is the newest version of the archetype "
                + "the project's repositories offer.");
    }
}
