package io.github.lambdacontainer.engine;

/** An archetype's Maven coordinates, as its jar's pom.properties has them. */
public record ArchetypeCoordinates(String groupId, String artifactId, String version) {
}
