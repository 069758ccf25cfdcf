package io.github.lambdacontainer.update;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/** What the goals share: the project's record, the archetype's repositories, the plan of an update. */
abstract class ArchetypeMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Component
    RepositorySystem repositorySystem;

    /** The archetype version to update to; default: the newest the project's repositories offer. */
    @Parameter(property = "archetypeVersion")
    String archetypeVersion;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        try {
            run(ArchetypeRecord.read(projectDirectory()));
        } catch (UpdateRefusedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    abstract void run(ArchetypeRecord record) throws UpdateRefusedException, MojoExecutionException,
            MojoFailureException;

    Path projectDirectory() {
        return project.getBasedir().toPath();
    }

    ArchetypeRepository repository() {
        return new ArchetypeRepository(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories());
    }

    /** -DarchetypeVersion, else the newest version offered, else the recorded one. */
    String targetVersion(ArchetypeRecord record) throws UpdateRefusedException {
        if (archetypeVersion != null && !archetypeVersion.isBlank()) {
            return archetypeVersion.strip();
        }
        Optional<String> newest = repository().newestVersion(record);
        return newest.filter(version -> ArchetypeRepository.compare(version, record.archetypeVersion()) > 0)
                .orElse(record.archetypeVersion());
    }

    /** Renders base and theirs and merges them into the project, in memory. */
    UpdatePlan plan(ArchetypeRecord record) throws UpdateRefusedException {
        ArchetypeRepository repository = repository();
        Path baseJar = repository.jar(record.archetypeGroupId(), record.archetypeArtifactId(), record.archetypeVersion(),
                "recorded");
        String target = targetVersion(record);
        Path targetJar = repository.jar(record.archetypeGroupId(), record.archetypeArtifactId(), target, "target");
        Map<String, String> properties = new TreeMap<>();
        session.getUserProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
        return UpdatePlan.make(record, baseJar, target, targetJar, properties, new ProjectDirectory(projectDirectory())::read);
    }
}
