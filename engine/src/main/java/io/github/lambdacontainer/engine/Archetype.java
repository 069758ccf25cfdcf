package io.github.lambdacontainer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.velocity.VelocityContext;

/**
 * An archetype jar as built, rendered in-process the way maven-archetype-plugin 3.4.1 (archetype-common's
 * DefaultFilesetArchetypeGenerator) renders it, then arranged by the archetype's own post-generate rules:
 * the same bytes archetype:generate writes, without Maven. docs/generator.md says which rule comes from
 * where. Thread-safe: one instance serves many generations at once.
 */
public final class Archetype implements AutoCloseable {

    private static final String RESOURCES = "archetype-resources";
    private static final String DESCRIPTOR = "META-INF/maven/archetype-metadata.xml";
    /** DefaultFilesetArchetypeGenerator.TOKEN_PATTERN: __property__ in a path. */
    private static final Pattern TOKEN = Pattern.compile("__((?:[^_]+_)*[^_]+)__");
    /** The Maven coordinates archetype:generate always asks for, besides the descriptor's properties. */
    private static final List<String> COORDINATES = List.of("groupId", "artifactId", "version", "package");

    private final ArchetypeCoordinates coordinates;
    private final ArchetypeDescriptor descriptor;
    /** archetype-resources entries, in the jar's order, directories too (ending in '/'), without the prefix. */
    private final List<String> resources;
    /** Every archetype-resources entry's bytes, by its full name in the jar. */
    private final Map<String, byte[]> entries;
    private final TemplateRenderer renderer;
    private final ArchetypeRules rules;
    private final Metadata metadata;
    /** Each fileSet's resources: the selection depends on the descriptor and the jar only, so it is made once. */
    private final List<List<String>> fileSetResources;

    private Archetype(ArchetypeCoordinates coordinates, ArchetypeDescriptor descriptor, List<String> resources,
            Map<String, byte[]> entries, ArchetypeRules rules) {
        this.coordinates = coordinates;
        this.descriptor = descriptor;
        this.resources = resources;
        this.renderer = new TemplateRenderer(entries);
        this.rules = rules;
        this.metadata = new Metadata(options(), rules.refusedCombinations());
        this.entries = entries;
        this.fileSetResources = descriptor.fileSets().stream()
                .map(fileSet -> PathPattern.select(resources, fileSet.directory(), fileSet.includes(), fileSet.excludes()))
                .toList();
    }

    /**
     * Reads an archetype jar as built: its descriptor, its archetype-resources, its coordinates
     * (META-INF/maven/g/a/pom.properties) and its post-generate rules (loaded in a class loader of their
     * own, so each archetype version brings its own).
     */
    public static Archetype open(Path archetypeJar) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        List<String> resources = new ArrayList<>();
        byte[] descriptor = null;
        Properties pom = null;
        try (ZipFile jar = new ZipFile(archetypeJar.toFile())) {
            for (Enumeration<? extends ZipEntry> all = jar.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                if (name.startsWith(RESOURCES)) {
                    // ArchetypeArtifactManager.getFilesetArchetypeResources: every entry, directories too.
                    resources.add(name.length() > RESOURCES.length() ? name.substring(RESOURCES.length() + 1) : "");
                    entries.put(name, entry.isDirectory() ? new byte[0] : read(jar, entry));
                } else if (name.equals(DESCRIPTOR)) {
                    descriptor = read(jar, entry);
                } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    pom = new Properties();
                    try (InputStream in = jar.getInputStream(entry)) {
                        pom.load(in);
                    }
                }
            }
        }
        if (descriptor == null || pom == null) {
            throw new IOException(archetypeJar + " is not an archetype jar as built: it lacks "
                    + (descriptor == null ? DESCRIPTOR : "META-INF/maven/<groupId>/<artifactId>/pom.properties"));
        }
        ArchetypeRules rules = new ArchetypeRules(archetypeJar);
        return new Archetype(new ArchetypeCoordinates(pom.getProperty("groupId"), pom.getProperty("artifactId"),
                pom.getProperty("version")), ArchetypeDescriptor.parse(descriptor), List.copyOf(resources), entries,
                rules);
    }

    private static byte[] read(ZipFile jar, ZipEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    public ArchetypeCoordinates coordinates() {
        return coordinates;
    }

    public Metadata metadata() {
        return metadata;
    }

    /**
     * The goal to name in a user's {@code mvn} command for this archetype: maven-archetype-plugin's
     * {@code generate} at the version the archetype is proven with, as its rules record it.
     */
    public String generateGoal() {
        return rules.generateGoal();
    }

    /**
     * Renders the project in memory.
     *
     * @param answers the -D names archetype:generate takes; a missing (or blank) one takes its default,
     *                names that are not options are ignored unless they look like a misspelt option
     * @throws RefusedOptionsException with the sentences archetype:generate fails with: a misspelt option
     *                                 name, a bad value, a refused combination, a required value missing
     */
    public GeneratedProject generate(Map<String, String> answers) throws RefusedOptionsException {
        Properties properties = configure(answers);
        List<String> problems = rules.problems(answers.keySet(), properties);
        if (!problems.isEmpty()) {
            throw new RefusedOptionsException(problems);
        }
        Map<String, byte[]> rendered = render(properties);
        return arrange(properties, rendered);
    }

    /**
     * Every option's value, as DefaultArchetypeGenerationConfigurator configures a batch-mode request:
     * the answer when it is not blank, else the default, defaults naming other properties (${groupId})
     * evaluated last, against the values before them.
     */
    private Properties configure(Map<String, String> answers) throws RefusedOptionsException {
        Map<String, String> defaults = new LinkedHashMap<>();
        COORDINATES.forEach(name -> defaults.put(name, null));
        descriptor.requiredProperties().forEach(property -> defaults.put(property.key(), property.defaultValue()));
        Properties properties = new Properties();
        VelocityContext resolved = new VelocityContext();
        List<String> missing = new ArrayList<>();
        for (boolean referencing : new boolean[] {false, true}) {
            for (Map.Entry<String, String> option : defaults.entrySet()) {
                String name = option.getKey();
                String defaultValue = option.getValue();
                if (referencing != (defaultValue != null && defaultValue.contains("${"))) {
                    continue;
                }
                String answer = answers.get(name);
                String value = answer != null && !answer.isBlank() ? answer
                        : defaultValue == null ? null
                        : referencing ? renderer.evaluate(resolved, name, defaultValue) : defaultValue;
                if (value == null) {
                    missing.add(name);
                } else {
                    properties.setProperty(name, value);
                    resolved.put(name, value);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new RefusedOptionsException(missing.stream()
                    .map(name -> "Property " + name + " is missing: give -D" + name + "=someValue.").toList());
        }
        return properties;
    }

    /** What DefaultFilesetArchetypeGenerator writes before the post-generate script runs, path to bytes. */
    private Map<String, byte[]> render(Properties properties) {
        VelocityContext context = context(properties);
        String packagePath = properties.getProperty("package").replace('.', '/');
        Map<String, byte[]> files = new LinkedHashMap<>();
        // processPom: the root pom.xml, always filtered as UTF-8.
        renderTemplate(files, "pom.xml", RESOURCES + "/pom.xml", "UTF-8", context);
        for (int i = 0; i < descriptor.fileSets().size(); i++) {
            ArchetypeDescriptor.FileSet fileSet = descriptor.fileSets().get(i);
            String condition = fileSet.includeCondition();
            if (!condition.isEmpty() && !Boolean.parseBoolean(renderer.evaluate(context, "includeCondition", condition))) {
                continue;
            }
            for (String resource : fileSetResources.get(i)) {
                String output = outputPath(resource, fileSet, packagePath, context);
                if (resource.endsWith("/") || files.containsKey(output)) {
                    // A directory entry only makes a directory; an existing file is kept ("Don't override file").
                    continue;
                }
                if (fileSet.filtered()) {
                    renderTemplate(files, output, RESOURCES + "/" + resource, fileSet.encoding(), context);
                } else {
                    files.put(output, entries.get(RESOURCES + "/" + resource));
                }
            }
        }
        return files;
    }

    /**
     * prepareVelocityContext: the coordinates, packageInPathFormat, then every property (evaluated when it
     * holds "${"), in the order the request's Properties gives them; rootArtifactId for a complete archetype.
     */
    private VelocityContext context(Properties properties) {
        VelocityContext context = new VelocityContext();
        context.put("groupId", properties.getProperty("groupId"));
        context.put("artifactId", properties.getProperty("artifactId"));
        context.put("version", properties.getProperty("version"));
        context.put("package", properties.getProperty("package"));
        context.put("packageInPathFormat", properties.getProperty("package").replace('.', '/'));
        for (Object key : properties.keySet()) {
            String value = properties.getProperty((String) key);
            if (value != null && value.contains("${")) {
                value = renderer.evaluate(context, (String) key, value);
            }
            context.put((String) key, value);
        }
        context.put("rootArtifactId", properties.getProperty("artifactId"));
        return context;
    }

    /**
     * getOutputFile: the resource's path with the fileSet's directory replaced once by directory/package
     * path (packaged) or directory, then __property__ tokens replaced; '/'-joined without empty segments,
     * as java.io.File normalizes it.
     */
    private static String outputPath(String resource, ArchetypeDescriptor.FileSet fileSet, String packagePath,
            VelocityContext context) {
        String directory = fileSet.directory();
        int at = directory.isEmpty() ? -1 : resource.indexOf(directory);
        String templateName = at < 0 ? resource : resource.substring(0, at) + resource.substring(at + directory.length());
        String path = directory + "/" + (fileSet.packaged() ? packagePath : "") + "/" + templateName;
        StringBuilder replaced = new StringBuilder();
        Matcher token = TOKEN.matcher(path);
        while (token.find()) {
            Object value = context.get(token.group(1));
            if (value instanceof String text && !text.isBlank()) {
                token.appendReplacement(replaced, text);
            }
        }
        token.appendTail(replaced);
        StringBuilder normalized = new StringBuilder();
        for (String segment : replaced.toString().split("/")) {
            if (!segment.isEmpty()) {
                normalized.append(normalized.length() == 0 ? "" : "/").append(segment);
            }
        }
        return normalized.toString();
    }

    /** processTemplate: merged with the fileSet's encoding, line separators unified to the platform's. */
    private void renderTemplate(Map<String, byte[]> files, String output, String template, String encoding,
            VelocityContext context) {
        if (files.containsKey(output)) {
            return;
        }
        String text = unifyLineSeparators(renderer.merge(template, encoding, context));
        files.put(output, text.getBytes(Charset.forName(encoding)));
    }

    /** plexus-utils StringUtils.unifyLineSeparators: every \r\n, \r and \n becomes the platform's separator. */
    static String unifyLineSeparators(String text) {
        String separator = System.lineSeparator();
        StringBuilder unified = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                unified.append(separator);
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                unified.append(separator);
            } else {
                unified.append(c);
            }
        }
        return unified.toString();
    }

    /** What the post-generate rules make of it: variant files moved, executables marked, the record written. */
    private GeneratedProject arrange(Properties properties, Map<String, byte[]> rendered) {
        Map<String, String> moves = rules.variantMoves(rendered.keySet());
        SortedMap<String, ProjectFile> files = new TreeMap<>();
        rendered.forEach((path, content) -> {
            String target = moves.getOrDefault(path, path);
            files.put(target, new ProjectFile(content, rules.isExecutable(target)));
        });
        String record = rules.archetypePropertiesPath();
        files.put(record, new ProjectFile(rules.archetypeProperties(coordinates, properties)
                .getBytes(StandardCharsets.UTF_8), rules.isExecutable(record)));
        return new GeneratedProject(properties.getProperty("artifactId"), files);
    }

    /** The options in the rules' order, each with archetype-metadata.xml's default; then any the rules do not describe. */
    private List<Option> options() {
        Map<String, String> defaults = new HashMap<>();
        descriptor.requiredProperties().forEach(property -> defaults.put(property.key(), property.defaultValue()));
        Set<String> named = new LinkedHashSet<>();
        List<Option> options = new ArrayList<>();
        for (Option option : rules.options()) {
            named.add(option.name());
            options.add(new Option(option.name(), option.description(), option.allowedValues(),
                    defaults.get(option.name())));
        }
        for (ArchetypeDescriptor.RequiredProperty property : descriptor.requiredProperties()) {
            if (named.add(property.key())) {
                options.add(new Option(property.key(), "", List.of(), property.defaultValue()));
            }
        }
        return List.copyOf(options);
    }

    @Override
    public void close() {
        try {
            rules.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
