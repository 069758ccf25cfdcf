package io.github.lambdacontainer.archetype.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The post-generate rules of this archetype, in one place for every way a project is made: the
 * archetype plugin runs them through archetype-post-generate.groovy (the archetype jar's class loader
 * is the script's context class loader), the engine loads them from the archetype jar it renders.
 * Only JDK types cross that boundary, so each archetype version brings its own rules.
 *
 * <p>What they decide: whether the options make a project (names, values, combinations), where the
 * variant files the options selected go, which files are executable, and what .mvn/archetype.properties
 * records.
 */
public final class ProjectRules {

    /** An option with a fixed set of values: allowed (of which some may not be supported yet), or free text. */
    public record Option(String name, String description, List<String> values, List<String> unsupported) {
        public List<String> supported() {
            return values.stream().filter(value -> !unsupported.contains(value)).toList();
        }
    }

    /** Options that are valid one by one but make no project when all of {@code when} are chosen together. */
    public record RefusedCombination(Map<String, String> when, String reason) {
        boolean matches(Properties properties) {
            return when.entrySet().stream().allMatch(choice -> choice.getValue().equals(properties.getProperty(choice.getKey())));
        }
    }

    /** The record of what made a project, which `lambda-container:update` reads back. */
    public static final String ARCHETYPE_PROPERTIES = ".mvn/archetype.properties";

    private static final String VARIANTS = "variants/";

    private static final List<Option> OPTIONS = readOptions();

    // The combinations AWS or this project cannot run, in the order they are reported. (api=function-url
    // makes a project with every other option: a queue worker keeps its SQS trigger, SnapStart puts the
    // URL on its alias.) Lambda Managed Instances: docs/options.md names AWS's pages.
    private static final List<RefusedCombination> REFUSED_COMBINATIONS = List.of(
            new RefusedCombination(choices("worker", "sqs", "database", "none"),
                    "worker=sqs stores orders in the database: choose database=mysql or postgresql, or worker=none."),
            new RefusedCombination(choices("managedInstances", "true", "javaVersion", "17"),
                    "managedInstances=true runs on Lambda Managed Instances, which support Java 21 and later only: "
                            + "choose javaVersion=21 or 25, or managedInstances=false."),
            new RefusedCombination(choices("managedInstances", "true", "snapStart", "true"),
                    "managedInstances=true and snapStart=true do not combine: SnapStart restores snapshots of Lambda's "
                            + "default (Firecracker) execution environments, while a managed instance starts its "
                            + "environments once, before traffic, and never freezes them: choose snapStart=false or "
                            + "managedInstances=false."));

    // archetype:generate's own parameters: never an option, never misspelt.
    private static final Set<String> GENERATE_PARAMETERS = Set.of("archetypeGroupId", "archetypeArtifactId",
            "archetypeVersion", "archetypeCatalog", "interactiveMode", "askForDefaultPropertyValues", "outputDirectory",
            "goals", "filter");

    private static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> JAVA_KEYWORDS = Set.of(("abstract assert boolean break byte case catch char class "
            + "const continue default do double else enum extends final finally float for goto if implements import "
            + "instanceof int interface long native new package private protected public return short static strictfp "
            + "super switch synchronized this throw throws transient try void volatile while true false null _").split(" "));

    private ProjectRules() {
    }

    /**
     * The goal a user's {@code mvn} command names to generate from this archetype, with the plugin's full
     * coordinates (e.g. {@code org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate}): the version it
     * is proven with, not whichever the user's Maven would pick.
     */
    public static String generateGoal() {
        Properties goal = new Properties();
        try (InputStream in = ProjectRules.class.getResourceAsStream("generate-goal.properties")) {
            goal.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return goal.getProperty("generateGoal");
    }

    /** Every option with its description, in archetype-metadata.xml's order (groupId, artifactId, version, package first). */
    public static List<Option> options() {
        return OPTIONS;
    }

    public static List<RefusedCombination> refusedCombinations() {
        return REFUSED_COMBINATIONS;
    }

    /**
     * Everything wrong with a request, one sentence each, in the order archetype:generate reports them.
     *
     * @param commandLineNames the -D names given (misspelt option names are looked for among them)
     * @param properties       every option's value as the plugin configured it (defaults filled in); its
     *                         names are the options
     */
    public static List<String> problems(Collection<String> commandLineNames, Properties properties) {
        List<String> problems = new ArrayList<>(problemsWithOptionNames(commandLineNames, properties.stringPropertyNames()));
        problems.addAll(problemsWithValues(properties));
        for (RefusedCombination combination : REFUSED_COMBINATIONS) {
            if (combination.matches(properties)) {
                problems.add(combination.reason());
            }
        }
        return problems;
    }

    /**
     * A -D name one or two edits away from an option's name (case aside) is a misspelt option, which the
     * plugin would ignore, generating the default instead. Maven's and Java's own names are left alone:
     * those with a dot (maven.repo.local, java.version), and archetype:generate's parameters.
     */
    private static List<String> problemsWithOptionNames(Collection<String> names, Set<String> optionNames) {
        List<String> options = optionNames.stream().filter(name -> !name.contains("."))
                .sorted(Comparator.comparing(name -> name.toLowerCase())).toList();
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (name.isEmpty() || name.contains(".") || optionNames.contains(name) || GENERATE_PARAMETERS.contains(name)) {
                continue;
            }
            String closest = null;
            int closestDistance = Integer.MAX_VALUE;
            for (String option : options) {
                int distance = editDistance(name.toLowerCase(), option.toLowerCase());
                if (distance < closestDistance) {
                    closest = option;
                    closestDistance = distance;
                }
            }
            if (closestDistance <= 2) {
                problems.add("Unknown option '" + name + "': did you mean '" + closest + "'? Options: "
                        + String.join(", ", options) + ".");
            }
        }
        return problems;
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), substitution);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private static List<String> problemsWithValues(Properties properties) {
        List<String> problems = new ArrayList<>();
        for (String key : List.of("groupId", "artifactId", "version")) {
            String value = properties.getProperty(key);
            if (value == null || !COORDINATE.matcher(value).matches() || value.contains("..")) {
                problems.add("Invalid value for property '" + key + "': '" + value + "'. Allowed: letters, digits, '_', "
                        + "'-' and '.', starting with a letter, digit or '_'.");
            }
        }

        String javaPackage = properties.getProperty("package");
        List<String> badSegments = Stream.of((javaPackage == null ? "" : javaPackage).split("\\.", -1))
                .filter(segment -> !IDENTIFIER.matcher(segment).matches() || JAVA_KEYWORDS.contains(segment)).toList();
        if (javaPackage == null || javaPackage.isEmpty() || !badSegments.isEmpty()) {
            problems.add("Invalid value for property 'package': '" + javaPackage + "'. Allowed: a Java package name, "
                    + "dot-separated identifiers that are not Java keywords" + (badSegments.isEmpty() ? "."
                    : " (not allowed: " + badSegments.stream().map(segment -> "'" + segment + "'")
                            .collect(Collectors.joining(", ")) + ")."));
        }

        for (Option option : OPTIONS) {
            if (option.values().isEmpty()) {
                continue;
            }
            String value = properties.getProperty(option.name());
            if (!option.values().contains(value)) {
                problems.add("Invalid value for property '" + option.name() + "': '" + value + "'. Allowed values: "
                        + String.join(", ", option.values()) + ".");
            } else if (option.unsupported().contains(value)) {
                problems.add("Property '" + option.name() + "' = '" + value + "' is not supported yet by this version of "
                        + "the archetype. Supported now: " + String.join(", ", option.supported()) + ".");
            }
        }
        return problems;
    }

    /**
     * Where each variant file the options selected goes: variants/NAME/path to path.
     *
     * @param projectFiles every file of the project as rendered, '/'-separated, relative to its root
     * @throws AssertionError when two variants, or a variant and a shared file, provide the same file (an
     *                        archetype bug)
     */
    public static Map<String, String> variantMoves(Collection<String> projectFiles) {
        Set<String> present = new LinkedHashSet<>();
        List<String> variantFiles = new ArrayList<>();
        for (String file : new TreeSet<>(projectFiles)) {
            if (file.startsWith(VARIANTS)) {
                variantFiles.add(file);
            } else {
                present.add(file);
            }
        }
        Map<String, String> moves = new TreeMap<>();
        for (String file : variantFiles) {
            String withoutVariant = file.substring(VARIANTS.length());
            String target = withoutVariant.substring(withoutVariant.indexOf('/') + 1);
            if (!present.add(target)) {
                throw new AssertionError("two variants both provide " + target);
            }
            moves.put(file, target);
        }
        return moves;
    }

    /** mvnw and the scripts: the archetype plugin does not keep file modes. */
    public static boolean isExecutable(String projectFile) {
        return projectFile.equals("mvnw") || projectFile.startsWith("scripts/") && projectFile.indexOf('/', 8) < 0;
    }

    /** The text of .mvn/archetype.properties: what made the project, one fixed order, no timestamp. */
    public static String archetypeProperties(String archetypeGroupId, String archetypeArtifactId, String archetypeVersion,
            Properties properties) {
        StringBuilder text = new StringBuilder()
                .append("# What made this project: the archetype and every option it was generated with.\n")
                .append("# `./mvnw lambda-container:update` reads it and rewrites it; do not edit it by hand.\n")
                .append("archetypeGroupId=").append(archetypeGroupId).append('\n')
                .append("archetypeArtifactId=").append(archetypeArtifactId).append('\n')
                .append("archetypeVersion=").append(archetypeVersion).append('\n');
        Set<String> names = new LinkedHashSet<>();
        OPTIONS.forEach(option -> names.add(option.name()));
        names.addAll(new TreeSet<>(properties.stringPropertyNames()));
        for (String name : names) {
            String value = properties.getProperty(name);
            if (value != null) {
                text.append(name).append('=').append(value).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Applies the rules to a project the archetype plugin wrote: moves the variant files into place, makes
     * mvnw and the scripts executable and writes .mvn/archetype.properties. Validate with
     * {@link #problems} first.
     */
    public static void arrange(Path projectDir, String archetypeGroupId, String archetypeArtifactId,
            String archetypeVersion, Properties properties) throws IOException {
        List<String> files;
        try (Stream<Path> paths = Files.walk(projectDir)) {
            files = paths.filter(Files::isRegularFile).map(path -> projectDir.relativize(path).toString().replace('\\', '/'))
                    .toList();
        }
        for (Map.Entry<String, String> move : variantMoves(files).entrySet()) {
            Path target = projectDir.resolve(move.getValue());
            Files.createDirectories(target.getParent());
            Files.move(projectDir.resolve(move.getKey()), target);
        }
        Path variants = projectDir.resolve(VARIANTS);
        if (Files.exists(variants)) {
            try (Stream<Path> paths = Files.walk(variants)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        List<String> arranged;
        try (Stream<Path> paths = Files.walk(projectDir)) {
            arranged = paths.filter(Files::isRegularFile).map(path -> projectDir.relativize(path).toString().replace('\\', '/'))
                    .toList();
        }
        for (String file : arranged) {
            if (isExecutable(file) && !projectDir.resolve(file).toFile().setExecutable(true, false)) {
                throw new IOException("could not make " + projectDir.resolve(file) + " executable");
            }
        }
        Path record = projectDir.resolve(ARCHETYPE_PROPERTIES);
        Files.createDirectories(record.getParent());
        Files.writeString(record, archetypeProperties(archetypeGroupId, archetypeArtifactId, archetypeVersion, properties));
    }

    private static Map<String, String> choices(String... nameValuePairs) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            choices.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return Collections.unmodifiableMap(choices);
    }

    /** options.properties, in its order: NAME.description, NAME.values and NAME.unsupported ('|'-separated). */
    private static List<Option> readOptions() {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        try (InputStream in = ProjectRules.class.getResourceAsStream("options.properties");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String key = line.substring(0, line.indexOf('='));
                String name = key.substring(0, key.lastIndexOf('.'));
                byName.computeIfAbsent(name, n -> new LinkedHashMap<>())
                        .put(key.substring(key.lastIndexOf('.') + 1), line.substring(line.indexOf('=') + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Option> options = new ArrayList<>();
        byName.forEach((name, facts) -> options.add(new Option(name, facts.get("description"),
                valueList(facts.get("values")), valueList(facts.get("unsupported")))));
        return List.copyOf(options);
    }

    private static List<String> valueList(String values) {
        return values == null || values.isEmpty() ? List.of() : List.of(values.split("\\|"));
    }
}
