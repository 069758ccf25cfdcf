// Runs after the archetype plugin has written the project into <outputDirectory>/<artifactId>.
// The rules themselves (every option checked again, since batch mode never checks validationRegex;
// misspelt option names; refused combinations; variant files moved into place; mvnw and scripts made
// executable; .mvn/archetype.properties written) are Java classes in this archetype jar, shared with
// the engine that renders it without Maven (ProjectRules). The plugin makes the archetype jar's class
// loader the context class loader while this script runs, which is how the script reaches them.
// What stays here is the plugin's own side: the -D names of the session, a target directory that
// already held files (a project is never mixed into a user's directory), and, on any failure,
// removing what this run wrote, so nothing half-generated is left behind.

import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.BasicFileAttributes

Class<?> rules = Thread.currentThread().contextClassLoader.loadClass('io.github.lambdacontainer.archetype.rules.ProjectRules')
Path projectDir = Path.of(request.outputDirectory, request.artifactId)
// Files older than this Maven run were there before it: the user's, never ours to touch.
long runStartedAt = ManagementFactory.runtimeMXBean.startTime

try {
    List<String> problems = rules.problems(commandLineNames(request), request.properties) +
            problemsWithDirectory(projectDir, runStartedAt)
    if (problems) {
        throw new IllegalArgumentException(problems.join(' '))
    }
    rules.arrange(projectDir, request.archetypeGroupId, request.archetypeArtifactId, request.archetypeVersion,
            request.properties)
} catch (Throwable failure) {
    removeWhatThisRunWrote(projectDir, runStartedAt)
    throw failure
}

/**
 * The -D names of this run: the user properties of the archetype:generate session (they are
 * system properties of this JVM too, but so are Java's own, such as java.version). The
 * integration-test goal generates from archetype.properties and gives no session: nothing to check.
 */
Set<String> commandLineNames(request) {
    Properties userProperties = request.mavenSession?.userProperties
    return userProperties == null ? [] as Set : userProperties.stringPropertyNames()
}

List<String> problemsWithDirectory(Path projectDir, long runStartedAt) {
    List<Path> preexisting = Files.walk(projectDir).withCloseable { paths ->
        paths.filter { Files.isRegularFile(it) && Files.getLastModifiedTime(it).toMillis() < runStartedAt }.toList()
    }
    return preexisting ? ["The directory ${projectDir} already existed and held files (e.g. ${projectDir.relativize(preexisting[0])}); " +
            "generate into a new directory: choose another artifactId or outputDirectory.".toString()] : []
}

/** Deletes the files, then the emptied directories, this run created; leaves anything older alone. */
void removeWhatThisRunWrote(Path projectDir, long runStartedAt) {
    if (!Files.exists(projectDir)) {
        return
    }
    List<Path> deepestFirst = Files.walk(projectDir).withCloseable { it.toList() }.reverse()
    deepestFirst.each { path ->
        if (Files.isRegularFile(path) && Files.getLastModifiedTime(path).toMillis() >= runStartedAt) {
            Files.delete(path)
        } else if (Files.isDirectory(path) && Files.list(path).withCloseable { it.findAny().isEmpty() }
                && Files.readAttributes(path, BasicFileAttributes).creationTime().toMillis() >= runStartedAt) {
            Files.delete(path)
        }
    }
}
