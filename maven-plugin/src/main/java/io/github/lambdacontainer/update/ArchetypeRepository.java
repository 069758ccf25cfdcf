package io.github.lambdacontainer.update;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.version.Version;

/**
 * The archetype's versions and jars, from the project's own repositories (its pom's, its
 * settings' profiles', Maven Central), through the Maven resolver of the running Maven.
 */
final class ArchetypeRepository {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    ArchetypeRepository(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = List.copyOf(repositories);
    }

    /**
     * The newest version of the archetype the repositories offer; a snapshot only when the
     * recorded version is one (a project made from a release follows releases).
     */
    Optional<String> newestVersion(ArchetypeRecord record) throws UpdateRefusedException {
        VersionRangeRequest request = new VersionRangeRequest(
                artifact(record.archetypeGroupId(), record.archetypeArtifactId(), "[0,)"), repositories, null);
        VersionRangeResult result;
        try {
            result = system.resolveVersionRange(session, request);
        } catch (VersionRangeResolutionException e) {
            throw new UpdateRefusedException("The versions of " + record.archetypeGroupId() + ":"
                    + record.archetypeArtifactId() + " could not be listed (" + e.getMessage() + "). Check that "
                    + "the repository the archetype is published to is among this project's repositories "
                    + "(pom.xml or settings.xml), or name the version with -DarchetypeVersion=...", e);
        }
        List<String> versions = result.getVersions().stream().map(Version::toString).toList();
        if (!versions.contains(record.archetypeVersion())) {
            // Not "up to date": these repositories are not the ones the project's archetype comes from.
            throw new UpdateRefusedException("This project's repositories (" + repositoryIds() + ") do not list "
                    + record.coordinates() + ", the version that made it"
                    + (result.getExceptions().isEmpty() ? "" : " (" + result.getExceptions().get(0).getMessage() + ")")
                    + ", so which versions are newer is unknown. Add the repository the archetype is published to "
                    + "(pom.xml or settings.xml; offline, it must be in the local repository).");
        }
        boolean snapshots = isSnapshot(record.archetypeVersion());
        return versions.stream()
                .filter(version -> snapshots || !isSnapshot(version))
                .reduce((older, newer) -> newer);
    }

    /** The archetype jar of that version; refuses, saying where it looked, when no repository has it. */
    Path jar(String groupId, String artifactId, String version, String role) throws UpdateRefusedException {
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact(groupId, artifactId, version),
                    repositories, null)).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new UpdateRefusedException("The " + role + " archetype " + groupId + ":" + artifactId + ":" + version
                    + " cannot be resolved from this project's repositories (" + repositoryIds() + "): "
                    + withoutFinalPeriod(e.getMessage()) + ". Add the repository it is published to (pom.xml or settings.xml), or "
                    + "check the version (.mvn/archetype.properties, -DarchetypeVersion).", e);
        }
    }

    /** Compares versions as Maven does (1.10 after 1.9, 1.0-SNAPSHOT before 1.0). */
    static int compare(String a, String b) {
        return new ComparableVersion(a).compareTo(new ComparableVersion(b));
    }

    private static String withoutFinalPeriod(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static boolean isSnapshot(String version) {
        return version.endsWith("-SNAPSHOT");
    }

    private static Artifact artifact(String groupId, String artifactId, String version) {
        return new DefaultArtifact(groupId, artifactId, "jar", version);
    }

    private String repositoryIds() {
        return String.join(", ", repositories.stream().map(repository -> repository.getId() + " " + repository.getUrl())
                .toList());
    }
}
