// Runs after the archetype plugin has written the project into <outputDirectory>/<artifactId>.
// 1. Checks every option again: batch mode (-B, CI) never checks validationRegex. A bad value
//    fails with one line naming the property, the value and the allowed values. So does a
//    misspelt option name (the plugin ignores -D names it does not know), and a target
//    directory that already held files: a project is never mixed into a user's directory.
// 2. Moves the variant files the chosen options selected (variants/NAME/..., see
//    archetype-metadata.xml) to their place in the project, and makes the scripts executable
//    (the archetype plugin does not keep file modes).
// Any failure removes what this run wrote, so nothing half-generated is left behind.
// Allowed values are filled in from the archetype's pom (option.*) when the archetype is built.

import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.BasicFileAttributes

final Map<String, List<String>> OPTIONS = [
    framework          : ['@option.framework.values@', '@option.framework.unsupported@'],
    api                : ['@option.api.values@', ''],
    database           : ['@option.database.values@', ''],
    javaVersion        : ['@option.javaVersion.values@', ''],
    architecture       : ['@option.architecture.values@', ''],
    worker             : ['@option.worker.values@', '@option.worker.unsupported@'],
    serverlessFramework: ['@option.serverlessFramework.values@', '@option.serverlessFramework.unsupported@'],
    snapStart          : ['@option.snapStart.values@', ''],
    managedInstances   : ['@option.managedInstances.values@', ''],
]

Path projectDir = Path.of(request.outputDirectory, request.artifactId)
// Files older than this Maven run were there before it: the user's, never ours to touch.
long runStartedAt = ManagementFactory.runtimeMXBean.startTime

try {
    List<String> problems = problemsWithOptionNames(commandLineNames(request), request.properties.stringPropertyNames()) +
            problemsWithOptions(request.properties, OPTIONS) + problemsWithDirectory(projectDir, runStartedAt)
    if (problems) {
        throw new IllegalArgumentException(problems.join(' '))
    }
    moveVariantFilesIntoPlace(projectDir)
    makeScriptsExecutable(projectDir)
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

/**
 * A -D name one or two edits away from an option's name (case aside) is a misspelt option,
 * which the plugin would ignore, generating the default instead. The options are the names the
 * plugin configured from archetype-metadata.xml (its requiredProperties, with groupId,
 * artifactId, version and package). Maven's and Java's own names are left alone: those with a
 * dot (maven.repo.local, java.version, archetype.test.skip), and archetype:generate's parameters.
 */
List<String> problemsWithOptionNames(Set<String> names, Set<String> optionNames) {
    Set<String> generateParameters = ['archetypeGroupId', 'archetypeArtifactId', 'archetypeVersion', 'archetypeCatalog',
            'interactiveMode', 'askForDefaultPropertyValues', 'outputDirectory', 'goals', 'filter'] as Set
    List<String> options = optionNames.findAll { !it.contains('.') }.sort { it.toLowerCase() }
    List<String> unknown = names.findAll { it && !it.contains('.') && !(it in optionNames) && !(it in generateParameters) }.sort()
    return unknown.findResults { name ->
        String closest = options.min { editDistance(name.toLowerCase(), it.toLowerCase()) }
        editDistance(name.toLowerCase(), closest.toLowerCase()) <= 2 ?
                "Unknown option '${name}': did you mean '${closest}'? Options: ${options.join(', ')}.".toString() : null
    }
}

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
int editDistance(String a, String b) {
    int[] previous = 0..b.length()
    for (int i = 1; i <= a.length(); i++) {
        int[] current = [i] * (b.length() + 1)
        for (int j = 1; j <= b.length(); j++) {
            current[j] = [current[j - 1] + 1, previous[j] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)].min()
        }
        previous = current
    }
    return previous[b.length()]
}

List<String> problemsWithOptions(Properties properties, Map<String, List<String>> options) {
    List<String> problems = []
    ['groupId', 'artifactId', 'version'].each { key ->
        String value = properties.getProperty(key)
        if (!(value ==~ /[A-Za-z0-9_][A-Za-z0-9_.-]*/) || value.contains('..')) {
            problems << "Invalid value for property '${key}': '${value}'. Allowed: letters, digits, '_', '-' and '.', starting with a letter, digit or '_'."
        }
    }

    String javaPackage = properties.getProperty('package')
    Set<String> keywords = ('abstract assert boolean break byte case catch char class const continue default do ' +
            'double else enum extends final finally float for goto if implements import instanceof int interface ' +
            'long native new package private protected public return short static strictfp super switch ' +
            'synchronized this throw throws transient try void volatile while true false null _').split(' ') as Set
    List<String> badSegments = (javaPackage ?: '').split('\\.', -1).findAll { !(it ==~ /[A-Za-z_][A-Za-z0-9_]*/) || it in keywords }
    if (!javaPackage || badSegments) {
        problems << "Invalid value for property 'package': '${javaPackage}'. Allowed: a Java package name, dot-separated identifiers that are not Java keywords" +
                (badSegments ? " (not allowed: ${badSegments.collect { "'${it}'" }.join(', ')})." : '.')
    }

    options.each { key, values ->
        List<String> allowed = values[0].split('\\|')
        List<String> unsupported = values[1] ? values[1].split('\\|') : []
        String value = properties.getProperty(key)
        if (!(value in allowed)) {
            problems << "Invalid value for property '${key}': '${value}'. Allowed values: ${allowed.join(', ')}."
        } else if (value in unsupported) {
            problems << "Property '${key}' = '${value}' is not supported yet by this version of the archetype. Supported now: ${(allowed - unsupported).join(', ')}."
        }
    }

    // Combinations that are valid value by value but make no project. (api=function-url makes one
    // with every other option: a queue worker keeps its SQS trigger, SnapStart puts the URL on its alias.)
    if (properties.getProperty('worker') == 'sqs' && properties.getProperty('database') == 'none') {
        problems << "worker=sqs stores orders in the database: choose database=mysql or postgresql, or worker=none."
    }
    // Lambda Managed Instances: what AWS supports there (docs/options.md names the pages).
    if (properties.getProperty('managedInstances') == 'true') {
        if (properties.getProperty('javaVersion') == '17') {
            problems << "managedInstances=true runs on Lambda Managed Instances, which support Java 21 and later only: choose javaVersion=21 or 25, or managedInstances=false."
        }
        if (properties.getProperty('snapStart') == 'true') {
            problems << "managedInstances=true and snapStart=true do not combine: SnapStart restores snapshots of Lambda's default (Firecracker) execution environments, while a managed instance starts its environments once, before traffic, and never freezes them: choose snapStart=false or managedInstances=false."
        }
    }
    return problems
}

List<String> problemsWithDirectory(Path projectDir, long runStartedAt) {
    List<Path> preexisting = Files.walk(projectDir).withCloseable { paths ->
        paths.filter { Files.isRegularFile(it) && Files.getLastModifiedTime(it).toMillis() < runStartedAt }.toList()
    }
    return preexisting ? ["The directory ${projectDir} already existed and held files (e.g. ${projectDir.relativize(preexisting[0])}); " +
            "generate into a new directory: choose another artifactId or outputDirectory.".toString()] : []
}

void moveVariantFilesIntoPlace(Path projectDir) {
    Path variants = projectDir.resolve('variants')
    List<Path> files = Files.walk(variants).withCloseable { paths -> paths.filter { Files.isRegularFile(it) }.toList() }
    files.each { file ->
        Path relative = variants.relativize(file)   // NAME/path/in/the/project
        Path target = projectDir.resolve(relative.subpath(1, relative.nameCount))
        assert !Files.exists(target) : "two variants both provide ${projectDir.relativize(target)}"
        Files.createDirectories(target.parent)
        Files.move(file, target)
    }
    Files.walk(variants).withCloseable { it.toList() }.reverse().each { Files.delete(it) }
}

void makeScriptsExecutable(Path projectDir) {
    [projectDir.resolve('mvnw'), *Files.list(projectDir.resolve('scripts')).withCloseable { it.toList() }].each {
        assert it.toFile().setExecutable(true, false) : "could not make ${it} executable"
    }
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
