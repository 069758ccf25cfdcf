package io.github.lambdacontainer.archetype.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A Maven repository in a directory holding two releases of this archetype, an older and a newer
 * one, made from the jar this build made: the older is that jar as {@link #OLDER}, the newer is
 * that jar as {@link #NEWER} with the template change a platform team would release
 * ({@link TemplateChange}). The Maven plugin and the engine, as this reactor built them, and the
 * parent pom all three name are released beside each at the same version, as docs/publishing.md
 * releases them; so the plugin a generated project runs comes from here, never from a local
 * repository that has this build's snapshot installed.
 */
final class ArchetypeReleases {

    static final String OLDER = "0.1.0";
    static final String NEWER = "0.2.0";
    static final String GROUP_ID = "io.github.lambdacontainer";
    static final String ARCHETYPE = "lambda-container-archetype";

    /** The newer release's change of the template, each edit of the archetype jar's archetype-resources/. */
    static final class TemplateChange {
        static final String DOCKERFILE = "Dockerfile.x86_64";
        static final String DOCKERFILE_BEFORE = "# The Lambda function image for x86_64. Build it with: scripts/build-image.sh x86_64";
        static final String DOCKERFILE_AFTER = "# The Lambda function image for x86_64 (template " + NEWER
                + "). Build it with: scripts/build-image.sh x86_64";
        static final String ADDED = "scripts/health-check.sh";
        static final String ADDED_CONTENT = "#!/bin/sh\n# Added by template " + NEWER + ": the health route through "
                + "the Runtime Interface Emulator.\nexec \"$(dirname \"$0\")/invoke.sh\" events/get-health.json\n";
        /** Removed; the edited project changes the first, no project changes the second. */
        static final List<String> REMOVED = List.of("scripts/run-local.sh", "mvnw.cmd");
        static final String README = "README.md";
        static final String README_BEFORE = "Review with `git diff` and commit. Details: docs/updating.md in the archetype's repository.";
        static final String README_AFTER = "Review with `git diff`, build with `./mvnw verify`, and commit. Details: "
                + "docs/updating.md in the archetype's repository.";

        private TemplateChange() {}
    }

    private final Path repository;
    private final Path olderJar;
    private final Path newerJar;

    private ArchetypeReleases(Path repository, Path olderJar, Path newerJar) {
        this.repository = repository;
        this.olderJar = olderJar;
        this.newerJar = newerJar;
    }

    /**
     * @param builtArchetype   this build's archetype jar
     * @param parentPom        the parent pom of the archetype, the plugin and the engine (this checkout's)
     * @param parentArtifactId its artifactId (its groupId is theirs)
     * @param mavenPlugin      a class of the Maven plugin: its jar (test-scoped reactor dependency) goes in
     * @param engine           a class of the engine: likewise
     */
    static ArchetypeReleases make(Path repository, Path builtArchetype, Path parentPom, String parentArtifactId,
            Class<?> mavenPlugin, Class<?> engine) throws IOException {
        Map<String, UnaryOperator<byte[]>> change = new LinkedHashMap<>();
        String resources = "archetype-resources/";
        change.put(resources + TemplateChange.DOCKERFILE,
                text(content -> replaceLine(content, TemplateChange.DOCKERFILE_BEFORE, TemplateChange.DOCKERFILE_AFTER)));
        change.put(resources + TemplateChange.README,
                text(content -> replaceLine(content, TemplateChange.README_BEFORE, TemplateChange.README_AFTER)));
        TemplateChange.REMOVED.forEach(path -> change.put(resources + path, content -> null));
        change.put(resources + TemplateChange.ADDED, content -> {
            assertEquals(null, content, TemplateChange.ADDED + " is already in the archetype");
            return TemplateChange.ADDED_CONTENT.getBytes(StandardCharsets.UTF_8);
        });
        Path older = null;
        Path newer = null;
        for (String version : List.of(OLDER, NEWER)) {
            // Released together, at one version, as docs/publishing.md has it: the generated pom
            // declares the plugin at the archetype's version, the plugin the engine at its own.
            Map<String, UnaryOperator<byte[]>> archetypeEdits = new LinkedHashMap<>(version.equals(NEWER) ? change : Map.of());
            archetypeEdits.put(resources + "pom.xml", reversionEvery(builtVersion(builtArchetype), version, 1));
            Path archetype = release(repository, builtArchetype, version, archetypeEdits);
            release(repository, jarOf(mavenPlugin), version,
                    Map.of("META-INF/maven/plugin.xml", reversionEvery(builtVersion(jarOf(mavenPlugin)), version, 2)));
            release(repository, jarOf(engine), version, Map.of());
            releaseParent(repository, parentPom, parentArtifactId, builtVersion(builtArchetype), version);
            if (version.equals(OLDER)) {
                older = archetype;
            } else {
                newer = archetype;
            }
        }
        Files.writeString(repository.resolve(GROUP_ID.replace('.', '/')).resolve(ARCHETYPE).resolve("maven-metadata.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <versioning>
                    <latest>%s</latest>
                    <release>%s</release>
                    <versions>
                      <version>%s</version>
                      <version>%s</version>
                    </versions>
                    <lastUpdated>20260101000000</lastUpdated>
                  </versioning>
                </metadata>
                """.formatted(GROUP_ID, ARCHETYPE, NEWER, NEWER, OLDER, NEWER));
        return new ArchetypeReleases(repository, older, newer);
    }

    Path repository() {
        return repository;
    }

    Path olderJar() {
        return olderJar;
    }

    Path newerJar() {
        return newerJar;
    }

    /**
     * A jar of this build as that version, with the edits, at its place in the repository with its
     * pom: its pom.properties and its pom's version say the new one (the first {@code <version>} of
     * the pom is its parent's, which it inherits; {@link #releaseParent} releases that version).
     */
    private static Path release(Path repository, Path built, String version, Map<String, UnaryOperator<byte[]>> change)
            throws IOException {
        assertTrue(Files.isRegularFile(built) && built.toString().endsWith(".jar"), built + " is not a jar: run the "
                + "reactor through package (mvn verify), so the archetype's tests get the plugin and engine jars");
        Properties coordinates = coordinates(built);
        String artifactId = coordinates.getProperty("artifactId");
        String builtVersion = coordinates.getProperty("version");
        String pomDirectory = "META-INF/maven/" + coordinates.getProperty("groupId") + "/" + artifactId + "/";
        Map<String, UnaryOperator<byte[]>> edits = new LinkedHashMap<>(change);
        edits.put(pomDirectory + "pom.properties", text(content -> replaceLine(content, "version=" + builtVersion,
                "version=" + version)));
        edits.put(pomDirectory + "pom.xml", text(content -> replaceFirst(content, "<version>" + builtVersion + "</version>",
                "<version>" + version + "</version>")));
        Path directory = Files.createDirectories(repository.resolve(coordinates.getProperty("groupId").replace('.', '/'))
                .resolve(artifactId).resolve(version));
        Path jar = directory.resolve(artifactId + "-" + version + ".jar");
        Map<String, byte[]> entries = rewrite(built, jar, edits);
        Files.write(directory.resolve(artifactId + "-" + version + ".pom"), entries.get(pomDirectory + "pom.xml"));
        return jar;
    }

    /** The parent pom as that version, at its place in the repository: its own version says the new one. */
    private static void releaseParent(Path repository, Path parentPom, String artifactId, String builtVersion,
            String version) throws IOException {
        Path directory = Files.createDirectories(repository.resolve(GROUP_ID.replace('.', '/')).resolve(artifactId)
                .resolve(version));
        Files.writeString(directory.resolve(artifactId + "-" + version + ".pom"), replaceFirst(Files.readString(parentPom),
                "<version>" + builtVersion + "</version>", "<version>" + version + "</version>"));
    }

    /** Copies the jar entry by entry, each edit applied (null: the entry is left out); every edit must apply. */
    private static Map<String, byte[]> rewrite(Path from, Path to, Map<String, UnaryOperator<byte[]>> edits)
            throws IOException {
        Map<String, UnaryOperator<byte[]>> pending = new LinkedHashMap<>(edits);
        Map<String, byte[]> written = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(from.toFile()); OutputStream file = Files.newOutputStream(to);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : zip.stream().toList()) {
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readAllBytes();
                }
                UnaryOperator<byte[]> edit = pending.remove(entry.getName());
                if (edit != null) {
                    content = edit.apply(content);
                    if (content == null) {
                        continue;
                    }
                }
                put(out, entry.getName(), content);
                written.put(entry.getName(), content);
            }
            for (Map.Entry<String, UnaryOperator<byte[]>> added : pending.entrySet()) {
                byte[] content = added.getValue().apply(null);
                assertTrue(content != null, added.getKey() + " is not in " + from + ", so the template change cannot remove it");
                put(out, added.getKey(), content);
                written.put(added.getKey(), content);
            }
        }
        return written;
    }

    private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String builtVersion(Path jar) throws IOException {
        return coordinates(jar).getProperty("version");
    }

    private static Properties coordinates(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.stream().filter(each -> each.getName().startsWith("META-INF/maven/")
                    && each.getName().endsWith("/pom.properties")).findFirst().orElseThrow();
            Properties properties = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                properties.load(in);
            }
            return properties;
        }
    }

    /** Each {@code <version>built</version>}, of which there must be that many, made the new version. */
    private static UnaryOperator<byte[]> reversionEvery(String built, String version, int expected) {
        return text(content -> {
            String from = "<version>" + built + "</version>";
            int found = content.split(java.util.regex.Pattern.quote(from), -1).length - 1;
            assertEquals(expected, found, "\"" + from + "\" occurs " + found + " times, not " + expected);
            return content.replace(from, "<version>" + version + "</version>");
        });
    }

    private static UnaryOperator<byte[]> text(UnaryOperator<String> edit) {
        return content -> {
            assertTrue(content != null, "the entry to edit is missing from the archetype jar");
            return edit.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Replaces one whole line, which must occur exactly once. */
    static String replaceLine(String content, String line, String replacement) {
        long found = content.lines().filter(line::equals).count();
        assertEquals(1, found, "the line \"" + line + "\" occurs " + found + " times in the template, not once; "
                + "the template change of ArchetypeReleases must follow the template");
        return Stream.of(content.split("\n", -1)).map(each -> each.equals(line) ? replacement : each)
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
    }

    private static String replaceFirst(String content, String text, String replacement) {
        int at = content.indexOf(text);
        assertTrue(at >= 0, "\"" + text + "\" is not in the pom");
        return content.substring(0, at) + replacement + content.substring(at + text.length());
    }
}
