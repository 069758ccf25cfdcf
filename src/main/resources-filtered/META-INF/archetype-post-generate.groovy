// Runs after the archetype plugin has written the project into <outputDirectory>/<artifactId>.
// 1. Checks every option again: batch mode (-B, CI) never checks validationRegex. A bad value
//    removes what this run wrote and fails with one line naming the property, the value and
//    the allowed values. So does a target directory that already held files: we never mix a
//    project into a user's directory.
// 2. Moves the chosen API's events (events/rest or events/http) up into events/, and makes the
//    scripts executable (the archetype plugin does not keep file modes).
// Allowed values are filled in from the archetype's pom (option.*) when the archetype is built.

import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.BasicFileAttributes

final OPTIONS = [
    framework          : ['@option.framework.values@', '@option.framework.unsupported@'],
    api                : ['@option.api.values@', ''],
    database           : ['@option.database.values@', ''],
    javaVersion        : ['@option.javaVersion.values@', ''],
    architecture       : ['@option.architecture.values@', ''],
    worker             : ['@option.worker.values@', '@option.worker.unsupported@'],
    serverlessFramework: ['@option.serverlessFramework.values@', '@option.serverlessFramework.unsupported@'],
]

final JAVA_KEYWORDS = ('abstract assert boolean break byte case catch char class const continue default do ' +
        'double else enum extends final finally float for goto if implements import instanceof int interface ' +
        'long native new package private protected public return short static strictfp super switch ' +
        'synchronized this throw throws transient try void volatile while true false null _').split(' ') as Set

final MAVEN_ID = ~/[A-Za-z0-9_][A-Za-z0-9_.-]*/
final JAVA_IDENTIFIER = ~/[A-Za-z_][A-Za-z0-9_]*/

Properties properties = request.properties
Path projectDir = Path.of(request.outputDirectory, request.artifactId)

List<String> problems = []

['groupId', 'artifactId', 'version'].each { key ->
    String value = properties.getProperty(key)
    if (!(value ==~ MAVEN_ID) || value.contains('..')) {
        problems << "Invalid value for property '${key}': '${value}'. Allowed: letters, digits, '_', '-' and '.', starting with a letter, digit or '_'."
    }
}

String javaPackage = properties.getProperty('package')
List<String> badSegments = (javaPackage ?: '').split('\\.', -1).findAll { !(it ==~ JAVA_IDENTIFIER) || it in JAVA_KEYWORDS }
if (!javaPackage || badSegments) {
    problems << "Invalid value for property 'package': '${javaPackage}'. Allowed: a Java package name, dot-separated identifiers that are not Java keywords" +
            (badSegments ? " (not allowed: ${badSegments.collect { "'${it}'" }.join(', ')})." : '.')
}

OPTIONS.each { key, values ->
    List<String> allowed = values[0].split('\\|')
    List<String> unsupported = values[1] ? values[1].split('\\|') : []
    String value = properties.getProperty(key)
    if (!(value in allowed)) {
        problems << "Invalid value for property '${key}': '${value}'. Allowed values: ${allowed.join(', ')}."
    } else if (value in unsupported) {
        problems << "Property '${key}' = '${value}' is not supported yet by this version of the archetype. Supported now: ${(allowed - unsupported).join(', ')}."
    }
}

// Files older than this Maven run were there before it: the user's, never ours to touch.
long runStartedAt = ManagementFactory.runtimeMXBean.startTime
List<Path> preexisting = Files.walk(projectDir).withCloseable { paths ->
    paths.filter { Files.isRegularFile(it) && Files.getLastModifiedTime(it).toMillis() < runStartedAt }.toList()
}
if (preexisting) {
    problems << "The directory ${projectDir} already existed and held files (e.g. ${projectDir.relativize(preexisting[0])}); " +
            "generate into a new directory: choose another artifactId or outputDirectory."
}

if (problems) {
    removeWhatThisRunWrote(projectDir, runStartedAt)
    throw new IllegalArgumentException(problems.join(' '))
}

String api = properties.getProperty('api')
Path events = projectDir.resolve('events')
Files.list(events.resolve(api)).withCloseable { files ->
    files.toList().each { Files.move(it, events.resolve(it.fileName), StandardCopyOption.REPLACE_EXISTING) }
}
OPTIONS.api[0].split('\\|').each { Files.deleteIfExists(events.resolve(it)) }

[projectDir.resolve('mvnw'), *Files.list(projectDir.resolve('scripts')).withCloseable { it.toList() }].each {
    assert it.toFile().setExecutable(true, false) : "could not make ${it} executable"
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
