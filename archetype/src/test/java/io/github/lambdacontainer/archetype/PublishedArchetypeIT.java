package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The archetype as a platform team publishes it and its users take it from there
 * (docs/publishing.md), with this build's Maven:
 *
 * <ol>
 *   <li>Deploy: a copy of this repository (the parent pom and each module's {@code pom.xml},
 *       {@code src/main} and {@code src/release}) is built with {@code -Prelease -pl archetype -am} and deployed with {@code -DaltDeploymentRepository}
 *       to a file repository under {@code target/published-archetype/repository}, as a release to
 *       an internal repository goes (only signing is left out, {@code -Dgpg.skip}). It needs
 *       nothing of this project in the local repository: the archetype's own dependencies on the
 *       engine and the plugin come from the same build. The repository must then hold the parent's
 *       pom, the engine's and the plugin's jar and pom, and the archetype's jar, pom, sources jar
 *       and javadoc jar, and that jar must hold exactly what the jar this build made and tested
 *       holds.</li>
 *   <li>An {@code archetype-catalog.xml} (with its checksums) at the repository's root.</li>
 *   <li>Generate: with an <em>empty</em> local repository and a settings.xml whose only
 *       addition is that repository as id {@code archetype} in a profile, the documented
 *       {@code archetype:generate -DarchetypeGroupId=... -DarchetypeArtifactId=...
 *       -DarchetypeVersion=...} makes a project (framework=plain, database=none: the fewest
 *       dependencies); the archetype must have come from that repository.</li>
 *   <li>The catalog: {@code archetype:generate -DarchetypeCatalog=remote -Dfilter=...} in
 *       interactive mode lists the archetype with its description, and choosing it generates a
 *       project.</li>
 *   <li>Build: {@code mvn verify} in the generated project, with the same empty-at-first local
 *       repository and without the archetype repository: its plugins and dependencies come from
 *       Maven Central, its tests run and pass, its function jar is made.</li>
 * </ol>
 *
 * <p>Steps 3 to 5 download from Maven Central; when it cannot be reached the test is reported as
 * skipped, with the reason. The time of each step is printed and written to
 * {@code target/published-archetype/timings.txt}, the logs to {@code target/published-archetype/logs}.
 * Step 1 uses the build's own local repository (its plugins are there) and, like any deploy,
 * leaves the deploy plugin's metadata cache for repository id {@code published-archetype-it} in it;
 * it runs {@code verify} and then {@code deploy:deploy} rather than the {@code deploy} phase,
 * whose {@code install} would install this version into that local repository and add it to its
 * archetype catalog.
 */
class PublishedArchetypeIT {

    private static final String CENTRAL = MavenCentral.URL;
    private static final Path WORK = Path.of("target/published-archetype").toAbsolutePath();
    private static final Path LOGS = WORK.resolve("logs");
    private static final String REPOSITORY_ID = "published-archetype-it";
    private static final String SETTINGS_PROFILE = "published-archetype";

    private static final String GROUP_ID = property("published.groupId");
    private static final String ARTIFACT_ID = property("published.artifactId");
    /** The parent pom (../pom.xml, where relativePath's default has it), published with the archetype. */
    private static final Path PARENT_POM = Path.of(property("published.parent.pom"));
    private static final String PARENT_ARTIFACT_ID = property("published.parent.artifactId");
    /** This module's directory in the checkout, as -pl names it. */
    private static final String ARCHETYPE_MODULE = Path.of("").toAbsolutePath().getFileName().toString();
    /** Released with the archetype, at its version (docs/publishing.md): every generated pom names the plugin. */
    private static final List<String> RELEASED_WITH_IT = List.of("lambda-container-engine", "lambda-container-maven-plugin");
    private static final String VERSION = property("published.version");
    private static final String DESCRIPTION = property("published.description");
    private static final Path BUILT_JAR = Path.of(property("published.jar"));
    private static final String ARCHETYPE_PLUGIN = "org.apache.maven.plugins:maven-archetype-plugin:"
            + property("archetype-plugin.version");
    private static final String DEPLOY_PLUGIN = "org.apache.maven.plugins:maven-deploy-plugin:"
            + property("deploy-plugin.version");

    /** The options of the generated project: the smallest one (no web framework, no database). */
    private static final List<String> SMALL_PROJECT = List.of("-Dframework=plain", "-Ddatabase=none");

    record Run(int exitCode, String output, Duration took, Path log) {

        void assertSucceeded(String what) {
            assertEquals(0, exitCode, () -> what + " failed (log: " + log + "):\n" + tail(output, 60));
        }
    }

    @Test
    void deployedToARepositoryItGeneratesAProjectThatBuildsFromAnEmptyLocalRepository() throws Exception {
        assumeMavenCentralReachable();
        Map<String, Duration> timings = new LinkedHashMap<>();
        for (String directory : List.of("source", "repository", "local-repository", "generated", "from-catalog")) {
            TestDirectories.deleteRecursively(WORK.resolve(directory));
        }
        Files.createDirectories(LOGS);

        // 1. Deploy, as a release to an internal repository goes: the parent, the engine, the plugin, the archetype.
        Path source = WORK.resolve("source");
        copyRelease(PARENT_POM.getParent(), source);
        Path repository = WORK.resolve("repository");
        String repositoryUrl = repository.toUri().toString();
        Run deploy = maven(source, "deploy", Duration.ofMinutes(10), null, List.of("-B",
                "-Dmaven.repo.local=" + property("it.localRepository"), "-Prelease", "-Dgpg.skip",
                "-Dmaven.test.skip=true", "-Darchetype.test.skip=true",
                "-DaltDeploymentRepository=" + REPOSITORY_ID + "::" + repositoryUrl,
                "-pl", ARCHETYPE_MODULE, "-am", "verify", DEPLOY_PLUGIN + ":deploy"));
        deploy.assertSucceeded("mvn -Prelease -pl " + ARCHETYPE_MODULE + " -am verify deploy:deploy -DaltDeploymentRepository=...");
        timings.put("deploy (-Prelease -pl " + ARCHETYPE_MODULE + " -am, -DaltDeploymentRepository, a file repository: "
                + "the parent pom, the engine, the plugin, the archetype)", deploy.took());
        assertEquals(List.of(".pom"), List.copyOf(deployedFiles(repository, PARENT_ARTIFACT_ID).keySet()),
                "what the release profile deployed of the parent to " + repository);
        for (String artifactId : RELEASED_WITH_IT) {
            assertTrue(deployedFiles(repository, artifactId).keySet().containsAll(List.of(".jar", ".pom")),
                    "the release profile deployed no jar and pom of " + artifactId + " to " + repository);
        }
        Map<String, Path> deployed = deployedFiles(repository, ARTIFACT_ID);
        assertEquals(List.of("-javadoc.jar", "-sources.jar", ".jar", ".pom"), List.copyOf(deployed.keySet()),
                "what the release profile deployed to " + repository);
        assertSameContent(BUILT_JAR, deployed.get(".jar"));

        // 2. The catalog at the repository's root.
        Path catalog = writeCatalog(repository);

        // 3. Generate from that repository alone, into an empty local repository.
        Path localRepository = Files.createDirectories(WORK.resolve("local-repository"));
        Path settings = writeSettings(repositoryUrl);
        List<String> fromTheRepository = List.of("-s", settings.toString(), "-P" + SETTINGS_PROFILE,
                "-Dmaven.repo.local=" + localRepository);
        Path generated = Files.createDirectories(WORK.resolve("generated"));
        Run generate = maven(generated, "generate", Duration.ofMinutes(10), null, concat(List.of("-B"), fromTheRepository,
                List.of(ARCHETYPE_PLUGIN + ":generate", "-DarchetypeGroupId=" + GROUP_ID,
                        "-DarchetypeArtifactId=" + ARTIFACT_ID, "-DarchetypeVersion=" + VERSION,
                        "-DgroupId=com.example.published", "-DartifactId=published-app", "-Dversion=0.1.0-SNAPSHOT",
                        "-Dpackage=com.example.published"), SMALL_PROJECT));
        generate.assertSucceeded("archetype:generate from the published archetype");
        timings.put("archetype:generate (empty local repository: the archetype plugin from Maven Central)", generate.took());
        Path project = generated.resolve("published-app");
        assertTrue(Files.isRegularFile(project.resolve("pom.xml")), "no project generated at " + project);
        assertCameFromTheArchetypeRepository(localRepository);

        // 4. The catalog lists it: interactive, choose 1, confirm.
        Path fromCatalog = Files.createDirectories(WORK.resolve("from-catalog"));
        Run listing = maven(fromCatalog, "catalog-listing", Duration.ofMinutes(5), "1\nY\n", concat(
                List.of("-Dstyle.color=never"), fromTheRepository,
                List.of(ARCHETYPE_PLUGIN + ":generate", "-DarchetypeCatalog=remote", "-Dfilter=" + GROUP_ID + ":" + ARTIFACT_ID,
                        "-DgroupId=com.example.listed", "-DartifactId=listed-app", "-Dversion=0.1.0-SNAPSHOT",
                        "-Dpackage=com.example.listed"), SMALL_PROJECT));
        listing.assertSucceeded("archetype:generate -DarchetypeCatalog=remote");
        timings.put("archetype:generate -DarchetypeCatalog=remote (the listing)", listing.took());
        String listed = "1: remote -> " + GROUP_ID + ":" + ARTIFACT_ID + " (" + DESCRIPTION + ")";
        assertTrue(listing.output().contains(listed), "the remote catalog (" + catalog + ") did not list \"" + listed
                + "\":\n" + tail(listing.output(), 40));
        assertTrue(listing.output().contains("from Archetype: " + ARTIFACT_ID + ":" + VERSION),
                "the archetype chosen from the catalog is not version " + VERSION + ":\n" + tail(listing.output(), 40));
        assertTrue(Files.isRegularFile(fromCatalog.resolve("listed-app/pom.xml")), "nothing generated from the catalog");

        // 5. Build the generated project: plugins and dependencies from Maven Central.
        Run build = maven(project, "generated-project-verify", Duration.ofMinutes(15), null, List.of(
                "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + localRepository, "verify"));
        build.assertSucceeded("mvn verify in the generated project");
        timings.put("mvn verify of the generated project (its plugins and dependencies from Maven Central)", build.took());
        int tests = testsPassed(project.resolve("target/surefire-reports"));
        assertTrue(Files.isRegularFile(project.resolve("target/lib/published-app-0.1.0-SNAPSHOT.jar")),
                "the generated project's build made no function jar in target/lib");

        report(timings, tests, localRepository, repository);
    }

    /**
     * {@code -DarchetypeCatalog} takes only {@code internal}, {@code local} and {@code remote} in
     * maven-archetype-plugin 3.x, so docs/publishing.md gives a catalog through the
     * {@code archetype} repository ({@code remote}); a file or URL, which 2.x took, fails. Offline,
     * with this build's local repository.
     */
    @Test
    void aCatalogGivenAsAFileOrUrlIsRefusedByTheArchetypePlugin() throws Exception {
        Path directory = Files.createDirectories(WORK.resolve("catalog-file"));
        Files.createDirectories(LOGS);
        Path catalog = writeCatalog(directory);
        String url = catalog.toUri().toString();
        Run run = maven(directory, "catalog-file", Duration.ofMinutes(5), null, List.of("-B", "-o",
                "-Dmaven.repo.local=" + property("it.localRepository"), ARCHETYPE_PLUGIN + ":generate",
                "-DarchetypeCatalog=" + url, "-Dfilter=" + ARTIFACT_ID));
        assertNotEquals(0, run.exitCode(), "-DarchetypeCatalog=" + url + " was accepted; docs/publishing.md says it is not:\n"
                + tail(run.output(), 30));
        assertTrue(run.output().contains("archetypeCatalog '" + url + "' is not supported anymore"),
                "-DarchetypeCatalog=" + url + " failed for another reason (log: " + run.log() + "):\n" + tail(run.output(), 30));
    }

    // --- steps ----------------------------------------------------------------------------------

    private static void assumeMavenCentralReachable() {
        String version = property("archetype-plugin.version");
        Optional<String> unreachable = MavenCentral.unreachable("org/apache/maven/plugins/maven-archetype-plugin/"
                + version + "/maven-archetype-plugin-" + version + ".pom");
        RequiredChecks.assume(RequiredChecks.MAVEN_CENTRAL, unreachable.isEmpty(), () -> "Maven Central (" + CENTRAL
                + ") is unreachable (" + unreachable.orElseThrow() + "); generating from the published archetype into an "
                + "empty local repository downloads the plugins and dependencies from it");
    }

    /**
     * The parent pom and its modules as a checkout has them, without their tests (-Dmaven.test.skip)
     * and target/; -pl and -am choose which of them the release builds.
     */
    private static void copyRelease(Path checkout, Path copy) throws IOException {
        Files.createDirectories(copy);
        Files.copy(checkout.resolve("pom.xml"), copy.resolve("pom.xml"));
        try (Stream<Path> modules = Files.list(checkout)) {
            for (Path module : modules.filter(directory -> Files.isRegularFile(directory.resolve("pom.xml"))).toList()) {
                Path target = Files.createDirectories(copy.resolve(module.getFileName().toString()));
                Files.copy(module.resolve("pom.xml"), target.resolve("pom.xml"));
                for (String directory : List.of("src/main", "src/release")) {
                    copyTree(module.resolve(directory), target.resolve(directory));
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The deployed files of this version of an artifact by what follows the version in their name: .jar, .pom, -sources.jar... */
    private static Map<String, Path> deployedFiles(Path repository, String artifactId) throws IOException {
        Path directory = repository.resolve(GROUP_ID.replace('.', '/')).resolve(artifactId).resolve(VERSION);
        assertTrue(Files.isDirectory(directory), "nothing deployed to " + directory);
        // A snapshot is deployed under a timestamped version: artifactId-1.0.0-20250101.120000-1.jar.
        String version = VERSION.endsWith("-SNAPSHOT")
                ? VERSION.substring(0, VERSION.length() - "SNAPSHOT".length()) + "\\d{8}\\.\\d{6}-\\d+"
                : VERSION.replace(".", "\\.");
        Pattern name = Pattern.compile(
                Pattern.quote(artifactId) + "-" + version + "(-[a-z]+)?\\.(jar|pom)");
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : entries.sorted().toList()) {
                Matcher matcher = name.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    String kind = (matcher.group(1) == null ? "" : matcher.group(1)) + "." + matcher.group(2);
                    assertFalse(files.containsKey(kind), "two " + kind + " files deployed to " + directory);
                    files.put(kind, file);
                }
            }
        }
        return files;
    }

    /** The deployed jar holds what the jar this build made holds, entry for entry (the manifest aside). */
    private static void assertSameContent(Path built, Path deployed) throws IOException {
        assertTrue(Files.isRegularFile(built), "this build's archetype jar is not at " + built);
        Map<String, byte[]> expected = entries(built);
        Map<String, byte[]> actual = entries(deployed);
        assertEquals(expected.keySet(), actual.keySet(), "entries of " + deployed.getFileName() + " and " + built.getFileName());
        for (Map.Entry<String, byte[]> entry : expected.entrySet()) {
            assertTrue(Arrays.equals(entry.getValue(), actual.get(entry.getKey())),
                    entry.getKey() + " differs between " + deployed + " and " + built);
        }
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().filter(entry -> !entry.isDirectory()).toList()) {
                if (!entry.getName().equals("META-INF/MANIFEST.MF")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        entries.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return entries;
    }

    /** archetype-catalog.xml as docs/publishing.md shows it, with the .sha1 and .md5 Maven checks. */
    private static Path writeCatalog(Path directory) throws IOException {
        String catalog = """
                <?xml version="1.0" encoding="UTF-8"?>
                <archetype-catalog xmlns="http://maven.apache.org/plugins/maven-archetype-plugin/archetype-catalog/1.0.0"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://maven.apache.org/plugins/maven-archetype-plugin/archetype-catalog/1.0.0 https://maven.apache.org/xsd/archetype-catalog-1.0.0.xsd">
                  <archetypes>
                    <archetype>
                      <groupId>%s</groupId>
                      <artifactId>%s</artifactId>
                      <version>%s</version>
                      <description>%s</description>
                    </archetype>
                  </archetypes>
                </archetype-catalog>
                """.formatted(xml(GROUP_ID), xml(ARTIFACT_ID), xml(VERSION), xml(DESCRIPTION));
        Path file = directory.resolve("archetype-catalog.xml");
        byte[] bytes = catalog.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        Files.writeString(directory.resolve("archetype-catalog.xml.sha1"), digest("SHA-1", bytes));
        Files.writeString(directory.resolve("archetype-catalog.xml.md5"), digest("MD5", bytes));
        return file;
    }

    /**
     * Only the archetype repository, in a profile the generate runs select (-P), as the archetype
     * plugin recommends; Maven Central is Maven's own default. Both policies "always", so every
     * run reads the repository rather than what an earlier run cached.
     */
    private static Path writeSettings(String repositoryUrl) throws IOException {
        Path settings = WORK.resolve("settings.xml");
        Files.writeString(settings, """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">
                  <profiles>
                    <profile>
                      <id>%s</id>
                      <repositories>
                        <repository>
                          <id>archetype</id>
                          <url>%s</url>
                          <releases><enabled>true</enabled><updatePolicy>always</updatePolicy></releases>
                          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
                        </repository>
                      </repositories>
                    </profile>
                  </profiles>
                </settings>
                """.formatted(SETTINGS_PROFILE, xml(repositoryUrl)));
        return settings;
    }

    /** The local repository records where it got each file: the archetype jar from repository id "archetype". */
    private static void assertCameFromTheArchetypeRepository(Path localRepository) throws IOException {
        Path directory = localRepository.resolve(GROUP_ID.replace('.', '/')).resolve(ARTIFACT_ID).resolve(VERSION);
        Path origins = directory.resolve("_remote.repositories");
        assertTrue(Files.isRegularFile(origins), "the archetype is not in the local repository at " + directory);
        String recorded = Files.readString(origins);
        assertTrue(recorded.lines().anyMatch(line -> line.matches(".*\\.jar>archetype=")),
                "the archetype jar did not come from the repository with id archetype:\n" + recorded);
    }

    private static int testsPassed(Path reports) throws Exception {
        assertTrue(Files.isDirectory(reports), "the generated project's tests did not run (" + reports + " is missing)");
        int tests = 0;
        List<String> failed = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Element suite = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
                tests += Integer.parseInt(suite.getAttribute("tests"));
                int broken = Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors"));
                if (broken > 0) {
                    failed.add(suite.getAttribute("name"));
                }
            }
        }
        assertTrue(tests > 0, "the generated project ran no tests");
        assertTrue(failed.isEmpty(), "the generated project's tests failed: " + failed);
        return tests;
    }

    private static void report(Map<String, Duration> timings, int tests, Path localRepository, Path repository)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("PublishedArchetypeIT: " + GROUP_ID + ":" + ARTIFACT_ID + ":" + VERSION + " deployed to " + repository
                + ", generated and built with framework=plain, database=none from an empty local repository");
        Duration total = Duration.ZERO;
        for (Map.Entry<String, Duration> timing : timings.entrySet()) {
            lines.add(String.format("  %6.1f s  %s", timing.getValue().toMillis() / 1000.0, timing.getKey()));
            total = total.plus(timing.getValue());
        }
        lines.add(String.format("  %6.1f s  in all; the generated project ran %d tests; %.0f MB downloaded into %s",
                total.toMillis() / 1000.0, tests, size(localRepository) / 1_000_000.0, localRepository));
        Files.write(WORK.resolve("timings.txt"), lines);
        lines.forEach(System.out::println);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Runs this build's Maven (maven.home) on the JDK running this test; stdin, when given, is written and closed. */
    private static Run maven(Path directory, String name, Duration timeout, String stdin, List<String> arguments)
            throws Exception {
        String mavenHome = System.getProperty("maven.home", "");
        Path mvn = Path.of(mavenHome, "bin", "mvn");
        List<String> command = new ArrayList<>();
        command.add(!mavenHome.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : "mvn");
        command.add("-ntp");
        command.addAll(arguments);
        Path log = LOGS.resolve(name + ".log");
        Files.writeString(log, "$ (cd " + directory + " && " + String.join(" ", command) + ")\n");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long started = System.nanoTime();
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " in " + directory + " did not end within " + timeout
                    + " (log: " + log + ")");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String output = Files.readString(log).replaceAll("\u001B\\[[;\\d]*m", "");
        return new Run(process.exitValue(), output, took, log);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static String tail(String output, int lines) {
        List<String> all = output.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }


    private static String property(String name) {
        String value = System.getProperty(name, "");
        if (value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; the pom's failsafe configuration passes it");
        }
        return value;
    }
}
