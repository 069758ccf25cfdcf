package io.github.lambdacontainer.archetype.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.archetype.RequiredChecks;
import io.github.lambdacontainer.archetype.TestDirectories;
import io.github.lambdacontainer.archetype.contract.ContainerContract;
import io.github.lambdacontainer.archetype.update.ArchetypeReleases.TemplateChange;
import io.github.lambdacontainer.engine.Archetype;
import io.github.lambdacontainer.engine.RefusedOptionsException;
import io.github.lambdacontainer.update.ProjectMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./mvnw lambda-container:check|diff|update} in generated projects, against a real older
 * and newer release of this archetype ({@link ArchetypeReleases}) in a file repository that the
 * projects reach through settings.xml, as a platform team's internal repository. Each project is
 * generated from a release with the engine, committed to git and edited as its users would, then
 * driven with its own {@code ./mvnw} (the Maven it pins, downloaded once into ~/.m2/wrapper), with
 * a local repository of its own whose tail is this build's (so nothing built here is cached
 * there, and dependencies come from it, offline).
 */
class ArchetypeUpdateIT {

    private static final Path WORK = Path.of("target/archetype-update").toAbsolutePath();
    private static final String PACKAGE = "com.example.orders";
    /** The plainest project: the fastest to build and to start. */
    private static final Map<String, String> PLAIN = Map.of("framework", "plain", "database", "none");

    private static ArchetypeReleases releases;
    private static Path settings;
    /** The repository as a plugin repository only: the plugin resolves, the archetype's versions do not. */
    private static Path pluginRepositoryOnly;

    @BeforeAll
    static void releaseTwoVersionsOfTheArchetype() throws IOException {
        TestDirectories.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("logs"));
        releases = ArchetypeReleases.make(WORK.resolve("repository"), Path.of(property("published.jar")),
                Path.of(property("published.parent.pom")), property("published.parent.artifactId"),
                ProjectMerge.class, Archetype.class);
        String url = releases.repository().toUri().toString();
        settings = WORK.resolve("settings.xml");
        pluginRepositoryOnly = WORK.resolve("settings-plugin-repository-only.xml");
        Files.writeString(pluginRepositoryOnly, """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                  <profiles>
                    <profile>
                      <id>platform-team-plugins</id>
                      <pluginRepositories>
                        <pluginRepository><id>platform-team</id><url>%s</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>platform-team-plugins</activeProfile></activeProfiles>
                </settings>
                """.formatted(url));
        Files.writeString(settings, """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                  <profiles>
                    <profile>
                      <id>platform-team</id>
                      <repositories>
                        <repository><id>platform-team</id><url>%1$s</url></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>platform-team</id><url>%1$s</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>platform-team</activeProfile></activeProfiles>
                </settings>
                """.formatted(url));
    }

    @Test
    void anEditedProjectKeepsTheEditsTakesTheChangeAndMarksTheConflict() throws Exception {
        Path project = generate("edited", releases.olderJar(), PLAIN);
        Path userClass = project.resolve("src/main/java/com/example/orders/AuditTrail.java");
        Files.writeString(userClass, "package " + PACKAGE + ";\n\n/** Ours: not in the template. */\nfinal class AuditTrail {}\n");
        String ourReadmeLine = "Review with `git diff`, then ask the platform channel before committing.";
        edit(project, TemplateChange.README, content -> ArchetypeReleases.replaceLine(content, TemplateChange.README_BEFORE,
                ourReadmeLine));
        String changedScript = TemplateChange.REMOVED.get(0);
        edit(project, changedScript, content -> content + "# ours: also start the database\n");
        String unchangedRemoved = TemplateChange.REMOVED.get(1);
        git(project, "add", "-A");
        git(project, "commit", "-q", "-m", "Our changes");

        Run check = mvnw(project, "check-before", "lambda-container:check");
        assertNotEquals(0, check.exitCode(), "check passed although " + ArchetypeReleases.NEWER + " exists:\n" + check.tail());
        assertTrue(check.output().contains(ArchetypeReleases.OLDER) && check.output().contains(ArchetypeReleases.NEWER)
                && check.output().contains("./mvnw lambda-container:update"),
                "check does not name both versions and the command:\n" + check.tail());

        Map<String, String> before = snapshot(project);
        Run update = mvnw(project, "update-edited", "lambda-container:update");
        assertNotEquals(0, update.exitCode(), "update succeeded despite the conflict in README.md:\n" + update.tail());
        assertTrue(update.output().contains("conflicted file(s)") && update.output().contains("  README.md (edit the lines between <<<<<<< and >>>>>>>"),
                "the failure does not name README.md as conflicted:\n" + update.tail());

        // kept: the user's own class, untouched
        assertEquals(before.get(relative(project, userClass)), sha(userClass), "the user's class changed");
        // applied: the template's Dockerfile change, in a file the user left alone
        assertTrue(lines(project, TemplateChange.DOCKERFILE).contains(TemplateChange.DOCKERFILE_AFTER),
                "the template's change of " + TemplateChange.DOCKERFILE + " was not applied");
        // created, with its executable bit
        Path added = project.resolve(TemplateChange.ADDED);
        assertEquals(TemplateChange.ADDED_CONTENT, Files.readString(added));
        assertTrue(Files.isExecutable(added), TemplateChange.ADDED + " was created without its executable bit");
        // deleted: removed by the template, unchanged by the user
        assertFalse(Files.exists(project.resolve(unchangedRemoved)), unchangedRemoved + " was not deleted");
        // kept and listed: removed by the template, changed by the user
        assertTrue(Files.readString(project.resolve(changedScript)).endsWith("# ours: also start the database\n"),
                changedScript + " lost the user's change");
        assertTrue(update.output().contains("kept-changed " + changedScript), changedScript + " not listed as kept:\n"
                + update.tail());
        // conflict: marked in the file, both sides in it, listed
        String readme = Files.readString(project.resolve(TemplateChange.README));
        assertTrue(readme.contains("<<<<<<< yours\n" + ourReadmeLine + "\n=======\n" + TemplateChange.README_AFTER
                + "\n>>>>>>> archetype " + ArchetypeReleases.NEWER + "\n"), "README.md has no conflict block of both lines:\n"
                + readme.substring(Math.max(0, readme.indexOf("Updating"))));
        assertTrue(update.output().contains("conflict  README.md"), "README.md is not listed as a conflict:\n" + update.tail());
        // the record names the new version; no .rej/.orig files
        assertTrue(lines(project, ".mvn/archetype.properties").contains("archetypeVersion=" + ArchetypeReleases.NEWER));
        try (Stream<Path> files = Files.walk(project)) {
            assertEquals(List.of(), files.map(Path::toString).filter(name -> name.matches(".*\\.(rej|orig)$")).toList());
        }
    }

    @Test
    void aProjectWithoutConflictingEditsUpdatesCleanlyBuildsAndKeepsItsContainerContract() throws Exception {
        Path project = generate("clean", releases.olderJar(), PLAIN);
        String ourTitleLine = "Owned by the orders team.";
        edit(project, TemplateChange.README, content -> content.replaceFirst("\n", "\n\n" + ourTitleLine + "\n"));
        Files.writeString(project.resolve("src/main/java/com/example/orders/AuditTrail.java"),
                "package " + PACKAGE + ";\n\nfinal class AuditTrail {}\n");
        git(project, "add", "-A");
        git(project, "commit", "-q", "-m", "Our changes");

        // A dirty tree is refused, nothing changed.
        Files.writeString(project.resolve("notes.txt"), "not committed\n");
        Map<String, String> dirty = snapshot(project);
        Run refused = mvnw(project, "update-dirty", "lambda-container:update");
        assertNotEquals(0, refused.exitCode(), "an update of a dirty tree went ahead:\n" + refused.tail());
        assertTrue(refused.output().contains("uncommitted changes (notes.txt)") && refused.output().contains("Commit or stash"),
                "the refusal does not say why and what to do:\n" + refused.tail());
        assertEquals(dirty, snapshot(project), "the refused update changed files");
        Files.delete(project.resolve("notes.txt"));

        // diff: the change as a unified diff, no file changed.
        Map<String, String> clean = snapshot(project);
        Run diff = mvnw(project, "diff", "-q", "lambda-container:diff");
        assertEquals(0, diff.exitCode(), diff.tail());
        assertTrue(diff.output().contains("+++ b/" + TemplateChange.DOCKERFILE + "\n")
                && diff.output().contains("\n+" + TemplateChange.DOCKERFILE_AFTER + "\n")
                && diff.output().contains("\n-" + TemplateChange.DOCKERFILE_BEFORE + "\n")
                && diff.output().contains("diff --git a/" + TemplateChange.ADDED + " b/" + TemplateChange.ADDED + "\nnew file mode 100755"),
                "the diff does not show the template change:\n" + diff.output());
        assertEquals(clean, snapshot(project), "diff changed files");

        Run update = mvnw(project, "update-clean", "lambda-container:update");
        assertEquals(0, update.exitCode(), "the update failed:\n" + update.tail());
        List<String> readme = lines(project, TemplateChange.README);
        assertTrue(readme.contains(ourTitleLine) && readme.contains(TemplateChange.README_AFTER)
                && readme.stream().noneMatch(line -> line.startsWith("<<<<<<<")),
                "README.md does not have both the user's and the template's change, without markers");
        assertEquals("", git(project, "status", "--porcelain", "--", "src").strip(), "the update touched src/");

        Run build = mvnw(project, "verify-clean", "verify");
        assertEquals(0, build.exitCode(), "./mvnw verify of the updated project failed:\n" + build.tail());
        assertTrue(build.output().contains("Tests run:") && !build.output().contains("Tests run: 0,"),
                "the updated project ran no tests");
        ContainerContract.verify(project, "archetype-update-clean");

        Run check = mvnw(project, "check-after", "lambda-container:check");
        assertEquals(0, check.exitCode(), "check fails after the update:\n" + check.tail());
    }

    @Test
    void changingOptionsIsAnUpdateTooAndTheProjectStillPassesItsTests() throws Exception {
        Path project = generate("options", releases.newerJar(),
                Map.of("framework", "plain", "api", "rest", "database", "mysql"));
        Map<String, String> generated = snapshot(project);

        // A bad value: the engine's own sentence, nothing changed.
        String refusal;
        try (Archetype archetype = Archetype.open(releases.newerJar())) {
            Map<String, String> answers = new LinkedHashMap<>(answers("options", PLAIN));
            answers.put("api", "soap");
            archetype.generate(answers);
            throw new AssertionError("the engine took api=soap");
        } catch (RefusedOptionsException e) {
            refusal = e.getMessage();
        }
        Run bad = mvnw(project, "update-bad-option", "lambda-container:update", "-Dapi=soap");
        assertNotEquals(0, bad.exitCode(), "api=soap was taken:\n" + bad.tail());
        assertTrue(bad.output().replaceAll("\\s+", " ").contains(refusal.replaceAll("\\s+", " ")),
                "the refusal is not the engine's sentence \"" + refusal + "\":\n" + bad.tail());
        assertEquals(generated, snapshot(project), "the refused update changed files");

        // The archetype's repository not among the project's repositories: check refuses rather than pass.
        Run unlisted = mvnw(project, "check-no-repository", pluginRepositoryOnly, "lambda-container:check");
        assertNotEquals(0, unlisted.exitCode(), "check passed without seeing any version:\n" + unlisted.tail());
        assertTrue(unlisted.output().contains("do not list " + ArchetypeReleases.GROUP_ID + ":" + ArchetypeReleases.ARCHETYPE
                + ":" + ArchetypeReleases.NEWER + ", the version that made it"), unlisted.tail());

        // A record that lacks an option (it would silently take its default): refused, naming it.
        edit(project, ".mvn/archetype.properties", content -> content.replace("worker=none\n", ""));
        git(project, "commit", "-q", "-am", "An option lost from the record");
        Run incomplete = mvnw(project, "update-incomplete-record", "lambda-container:update");
        assertNotEquals(0, incomplete.exitCode(), incomplete.tail());
        assertTrue(incomplete.output().contains(".mvn/archetype.properties does not match the options of "
                + ArchetypeReleases.GROUP_ID + ":" + ArchetypeReleases.ARCHETYPE + ":" + ArchetypeReleases.NEWER
                + ": it has no value for [worker]"), incomplete.tail());
        git(project, "reset", "-q", "--hard", "HEAD~1");

        // A recorded version no repository has: refused, nothing changed.
        edit(project, ".mvn/archetype.properties", content -> content.replace("archetypeVersion=" + ArchetypeReleases.NEWER,
                "archetypeVersion=0.0.9"));
        git(project, "commit", "-q", "-am", "A version that was never released");
        Map<String, String> unreleased = snapshot(project);
        Run unresolvable = mvnw(project, "update-unresolvable", "lambda-container:update");
        assertNotEquals(0, unresolvable.exitCode(), unresolvable.tail());
        assertTrue(unresolvable.output().contains("The recorded archetype " + ArchetypeReleases.GROUP_ID + ":"
                + ArchetypeReleases.ARCHETYPE + ":0.0.9 cannot be resolved"), unresolvable.tail());
        assertEquals(unreleased, snapshot(project), "the refused update changed files");
        git(project, "reset", "-q", "--hard", "HEAD~1");

        Run update = mvnw(project, "update-options", "lambda-container:update", "-Dapi=http", "-Ddatabase=postgresql");
        assertEquals(0, update.exitCode(), "the update to api=http, database=postgresql failed:\n" + update.tail());
        List<String> record = lines(project, ".mvn/archetype.properties");
        assertTrue(record.contains("api=http") && record.contains("database=postgresql"), "the record: " + record);
        assertTrue(Files.readString(project.resolve("pom.xml")).contains("<artifactId>postgresql</artifactId>")
                && !Files.readString(project.resolve("pom.xml")).contains("mysql-connector-j"),
                "pom.xml does not use the PostgreSQL driver instead of MySQL's");
        assertTrue(Files.readString(project.resolve("template.yaml")).contains("HttpApi"),
                "template.yaml declares no HTTP API");
        Run build = mvnw(project, "verify-options", "verify");
        assertEquals(0, build.exitCode(), "./mvnw verify after the option change failed:\n" + build.tail());
    }

    // --- the project ------------------------------------------------------------------------------

    private static Map<String, String> answers(String name, Map<String, String> options) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("groupId", "com.example");
        answers.put("artifactId", name);
        answers.put("version", "1.0.0-SNAPSHOT");
        answers.put("package", PACKAGE);
        answers.putAll(options);
        return answers;
    }

    /** Generated with the engine from that release, put under git (its own .gitignore keeps target/ out), committed. */
    private static Path generate(String name, Path archetypeJar, Map<String, String> options) throws Exception {
        Path project;
        try (Archetype archetype = Archetype.open(archetypeJar)) {
            project = archetype.generate(answers(name, options)).writeTo(WORK);
        }
        git(project, "init", "-q");
        git(project, "add", "-A");
        git(project, "commit", "-q", "-m", "Generated from the archetype");
        return project;
    }

    private static void edit(Path project, String path, java.util.function.UnaryOperator<String> change) throws IOException {
        Path file = project.resolve(path);
        String before = Files.readString(file);
        String after = change.apply(before);
        assertNotEquals(before, after, "the edit of " + path + " changed nothing");
        Files.writeString(file, after);
    }

    private static List<String> lines(Path project, String path) throws IOException {
        return Files.readAllLines(project.resolve(path));
    }

    /** Every file outside .git/ and target/ with its SHA-256 and executable bit. */
    private static Map<String, String> snapshot(Path project) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(project)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String path = relative(project, file);
                if (!path.startsWith(".git/") && !path.startsWith("target/")) {
                    files.put(path, sha(file) + (Files.isExecutable(file) ? " x" : ""));
                }
            }
        }
        return files;
    }

    private static String relative(Path project, Path file) {
        return project.relativize(file).toString().replace('\\', '/');
    }

    private static String sha(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- processes --------------------------------------------------------------------------------

    record Run(int exitCode, String output) {

        String tail() {
            List<String> all = output.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        }
    }

    private static String git(Path project, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Orders Team", "-c",
                "user.email=orders@example.com", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(arguments));
        Run run = run(project, command, Duration.ofMinutes(1), null);
        assertEquals(0, run.exitCode(), String.join(" ", command) + " failed:\n" + run.output());
        return run.output();
    }

    /**
     * The project's own ./mvnw, offline but for the file repository, with a local repository of its
     * own whose tail (read only) is this build's.
     */
    private static Run mvnw(Path project, String name, String... goals) throws Exception {
        return mvnw(project, name, settings, goals);
    }

    private static Run mvnw(Path project, String name, Path settingsFile, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-ntp", "-s", settingsFile.toString(),
                "-o", "-Daether.offline.protocols=file",
                "-Dmaven.repo.local=" + WORK.resolve("local-repository"),
                "-Dmaven.repo.local.tail=" + property("it.localRepository")));
        command.addAll(List.of(goals));
        return run(project, command, Duration.ofMinutes(10), WORK.resolve("logs").resolve(name + ".log"));
    }

    private static Run run(Path directory, List<String> command, Duration timeout, Path log) throws Exception {
        Path output = log != null ? log : Files.createTempFile(WORK, "process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + " (log: " + output + ")");
        }
        String text = Files.readString(output).replaceAll("\u001B\\[[;\\d]*m", "");
        RequiredChecks.assume(RequiredChecks.MAVEN_CENTRAL, process.exitValue() == 0 || !text.contains("Failed to fetch https://"),
                () -> "./mvnw could not download the Maven it pins from Maven Central (log: " + output + ")");
        if (log == null) {
            Files.delete(output);
        }
        return new Run(process.exitValue(), text);
    }

    private static String property(String name) {
        String value = System.getProperty(name, "");
        if (value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; the pom's failsafe configuration passes it");
        }
        return value;
    }
}
