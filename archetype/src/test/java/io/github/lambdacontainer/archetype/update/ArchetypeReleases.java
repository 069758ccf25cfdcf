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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A Maven repository in a directory holding two releases of this archetype, an older and a newer
 * one, made from the jar this build made: the older is that jar under {@link #OLDER}, the newer is
 * that jar under {@link #NEWER} with the template change a platform team would release
 * ({@link TemplateChange}); beside them the Maven plugin and the engine, as this reactor built them,
 * which the archetype's generated pom declares and the plugin runs.
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
        static final String ADDED = "scripts/smoke-test.sh";
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
     * @param builtArchetype this build's archetype jar
     * @param mavenPlugin    a class of the Maven plugin: its jar (test-scoped reactor dependency) goes in
     * @param engine         a class of the engine: likewise
     */
    static ArchetypeReleases make(Path repository, Path builtArchetype, Class<?> mavenPlugin, Class<?> engine)
            throws IOException {
        String builtVersion = version(builtArchetype);
        Path older = deploy(repository, builtArchetype, OLDER, builtVersion, Map.of());
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
        Path newer = deploy(repository, builtArchetype, NEWER, builtVersion, change);
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
        deployAsBuilt(repository, jarOf(mavenPlugin));
        deployAsBuilt(repository, jarOf(engine));
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

    /** The archetype jar re-versioned and changed, with its pom, at its place in the repository. */
    private static Path deploy(Path repository, Path built, String version, String builtVersion,
            Map<String, UnaryOperator<byte[]>> change) throws IOException {
        Map<String, UnaryOperator<byte[]>> edits = new LinkedHashMap<>(change);
        String pomDirectory = "META-INF/maven/" + GROUP_ID + "/" + ARCHETYPE + "/";
        edits.put(pomDirectory + "pom.properties", text(content -> replaceLine(content, "version=" + builtVersion,
                "version=" + version)));
        UnaryOperator<byte[]> pom = text(content -> replaceFirst(content, "<version>" + builtVersion + "</version>",
                "<version>" + version + "</version>"));
        edits.put(pomDirectory + "pom.xml", pom);
        Path directory = Files.createDirectories(repository.resolve(GROUP_ID.replace('.', '/')).resolve(ARCHETYPE).resolve(version));
        Path jar = directory.resolve(ARCHETYPE + "-" + version + ".jar");
        Map<String, byte[]> entries = rewrite(built, jar, edits);
        Files.write(directory.resolve(ARCHETYPE + "-" + version + ".pom"), entries.get(pomDirectory + "pom.xml"));
        return jar;
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

    /** A jar of this reactor at its place in the repository, with the pom it carries. */
    private static void deployAsBuilt(Path repository, Path jar) throws IOException {
        assertTrue(Files.isRegularFile(jar) && jar.toString().endsWith(".jar"), jar + " is not a jar: run the reactor "
                + "through package (mvn verify), so the archetype's tests get the plugin and engine jars");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry properties = zip.stream().filter(entry -> entry.getName().startsWith("META-INF/maven/")
                    && entry.getName().endsWith("/pom.properties")).findFirst().orElseThrow();
            java.util.Properties coordinates = new java.util.Properties();
            try (InputStream in = zip.getInputStream(properties)) {
                coordinates.load(in);
            }
            String artifactId = coordinates.getProperty("artifactId");
            String version = coordinates.getProperty("version");
            Path directory = Files.createDirectories(repository.resolve(coordinates.getProperty("groupId").replace('.', '/'))
                    .resolve(artifactId).resolve(version));
            Files.copy(jar, directory.resolve(artifactId + "-" + version + ".jar"));
            try (InputStream pom = zip.getInputStream(zip.getEntry(properties.getName().replace("pom.properties", "pom.xml")))) {
                Files.copy(pom, directory.resolve(artifactId + "-" + version + ".pom"));
            }
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version(Path archetypeJar) throws IOException {
        try (ZipFile zip = new ZipFile(archetypeJar.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("META-INF/maven/" + GROUP_ID + "/" + ARCHETYPE + "/pom.properties"))) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
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
        assertTrue(at >= 0, "\"" + text + "\" is not in the archetype's pom");
        return content.substring(0, at) + replacement + content.substring(at + text.length());
    }
}
