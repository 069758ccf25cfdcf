package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.FunctionImage;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.FunctionLaunch;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import io.github.lambdacontainer.archetype.readme.CommandRule;
import io.github.lambdacontainer.archetype.readme.ReadmeCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

/**
 * The commands README.md shows, then those of the README of the project they generate, run as a
 * newcomer runs them: in a fresh clone of this repository (the files git tracks or would track, as
 * they are in the working tree, so uncommitted edits are tested too), in the order the READMEs show
 * them, each judged by the rule of its first words ({@link CommandRule}). Commands that need Docker
 * or AWS are listed as skipped with the rule's reason; a command no rule knows fails, and so does a
 * README edit that breaks a command. The same command in the same directory runs once.
 */
class ReadmeCommandsIT {

    private static final Path WORK = Path.of("target/readme-commands").toAbsolutePath();
    private static final Path REPOSITORY = Path.of(System.getProperty("readme.repository", "..")).toAbsolutePath().normalize();
    /** The generated README's table of commands. */
    private static final String COMMANDS_SECTION = "Commands";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    /** run-local.sh packages the project first. */
    private static final Duration SERVER_START = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern HELLO_NAME = Pattern.compile("/hello\\?name=([A-Za-z0-9_-]+)");
    private static final Pattern README_PORT = Pattern.compile("(localhost|127\\.0\\.0\\.1):8080\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Newcomer NEWCOMER = new Newcomer();

    @AfterAll
    static void stopWhatIsStillRunningAndListTheCommands() {
        NEWCOMER.endBlock();
        System.out.println("README commands, in order:\n  " + String.join("\n  ", NEWCOMER.outcomes));
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeCommandRunsAsANewcomerRunsIt() {
        Path clone = WORK.resolve(REPOSITORY.getFileName());
        Stream<DynamicTest> freshClone = Stream.of(dynamicTest("a fresh clone of this repository in " + clone,
                () -> NEWCOMER.guard("making the fresh clone", () -> freshClone(clone))));
        // Each README is read where the newcomer reads it: in the clone, in the generated project.
        Stream<DynamicTest> rootCommands = lazily(() -> NEWCOMER.failure != null ? Stream.of(skipped("README.md"))
                : blocks(ReadmeCommands.shellBlocks(read(clone.resolve("README.md")), "README.md")));
        Stream<DynamicTest> projectCommands = lazily(() -> {
            Path project = NEWCOMER.directory;
            if (NEWCOMER.failure != null) {
                return Stream.of(skipped("the generated project's README"));
            }
            if (!Files.isRegularFile(project.resolve("pom.xml")) || !Files.isRegularFile(project.resolve("README.md"))) {
                return Stream.of(dynamicTest("the generated project's README", () -> {
                    fail("README.md's commands end in " + project + ", which is no generated project (no pom.xml and "
                            + "README.md): they must generate a project and cd into it");
                }));
            }
            String generatedReadme = read(project.resolve("README.md"));
            String name = project.getFileName() + "/README.md";
            List<ReadmeCommands.Group> groups = new ArrayList<>(ReadmeCommands.commandTable(generatedReadme, name,
                    COMMANDS_SECTION));
            groups.addAll(ReadmeCommands.shellBlocks(generatedReadme, name));
            return Stream.concat(blocks(groups), Stream.of(dynamicTest("what the commands printed in " + project,
                    () -> whatTheyPrinted(project))));
        });
        return Stream.of(freshClone, rootCommands, projectCommands).flatMap(tests -> tests);
    }

    private static DynamicTest skipped(String what) {
        return dynamicTest(what, () -> abort("skipped: an earlier command failed: " + NEWCOMER.failure));
    }

    /** One test per command, in order; what a block started stops after its last command. */
    private static Stream<DynamicTest> blocks(List<ReadmeCommands.Group> groups) {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReadmeCommands.Group group : groups) {
            if (group.lines().isEmpty()) {
                tests.add(dynamicTest(group.where(), () -> {
                    NEWCOMER.outcomes.add("not run      " + group.where() + ": prose, no command");
                    abort("not run: no backticked command at the start of the cell: prose, not a command");
                }));
                continue;
            }
            List<List<String>> steps = ReadmeCommands.steps(group.lines());
            for (int s = 0; s < steps.size(); s++) {
                List<String> step = steps.get(s);
                for (int c = 0; c < step.size(); c++) {
                    boolean first = c == 0;
                    boolean lastOfGroup = s == steps.size() - 1 && c == step.size() - 1;
                    String line = step.get(c);
                    tests.add(dynamicTest(group.where() + ": " + line, () -> {
                        try {
                            NEWCOMER.run(line, first ? step : null, group.where());
                            NEWCOMER.outcomes.add("ran          " + group.where() + ": " + line);
                        } catch (TestAbortedException e) {
                            NEWCOMER.outcomes.add("not run      " + group.where() + ": " + line + "\n               "
                                    + e.getMessage());
                            throw e;
                        } catch (Throwable e) {
                            NEWCOMER.outcomes.add("FAILED       " + group.where() + ": " + line + "\n               "
                                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                            throw e;
                        } finally {
                            if (lastOfGroup) {
                                NEWCOMER.endBlock();
                            }
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    /** What a newcomer has in front of them: where they are, what runs, what they already did. */
    private static final class Newcomer {

        /** Nowhere until the fresh clone exists: no command may run in the repository itself. */
        private Path directory = WORK;
        private String failure;
        private final Map<String, String> stepsRun = new HashMap<>();
        private boolean stepAlreadyRun;
        private String stepRunIn;
        private ChildProcess server;
        private int serverPort;
        private FunctionImage image;
        private FunctionImage.Function function;
        private final List<Path> logs = new ArrayList<>();
        /** Each command and what became of it, listed after the last. */
        private final List<String> outcomes = new ArrayList<>();

        /** Runs {@code action}; a failure skips every later command, with its reason. */
        void guard(String what, Executable action) throws Throwable {
            assumeTrue(failure == null, () -> "skipped: an earlier command failed: " + failure);
            try {
                action.execute();
            } catch (AssertionError | RuntimeException e) {
                failure = what + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                throw e;
            }
        }

        void run(String line, List<String> stepStartingHere, String where) throws Throwable {
            if (stepStartingHere != null) {
                String key = directory + "\n" + String.join("\n", stepStartingHere);
                stepRunIn = stepsRun.get(key);
                stepAlreadyRun = stepRunIn != null;
                stepsRun.putIfAbsent(key, where);
            }
            List<String> parts = List.of(line.split(" && "));
            List<CommandRule> rules = new ArrayList<>();
            for (String part : parts) {
                rules.add(CommandRule.of(part).orElseThrow(() -> new AssertionError(where + " shows `" + part
                        + "`, and no rule says how to run or check it: add one to " + CommandRule.class.getName())));
            }
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).handling() == CommandRule.Handling.NOT_RUN) {
                    abort(rules.get(i).check() + " (rule " + rules.get(i) + ": `" + parts.get(i) + "` starts with `"
                            + rules.get(i).firstWords() + "`)");
                }
            }
            assumeTrue(failure == null, () -> "skipped: an earlier command failed: " + failure);
            if (stepAlreadyRun) {
                abort("already run: the same command in the same directory, in " + stepRunIn);
            }
            guard("`" + line + "` (" + where + ")", () -> {
                if (parts.size() > 1 && rules.stream().anyMatch(rule -> rule.handling() != CommandRule.Handling.RUN
                        && rule.handling() != CommandRule.Handling.CHANGE_DIRECTORY)) {
                    fail(where + ": `" + line + "` chains with && a command that does not run to its end");
                }
                for (int i = 0; i < parts.size(); i++) {
                    runOne(parts.get(i), rules.get(i));
                }
            });
        }

        private void runOne(String command, CommandRule rule) throws Exception {
            List<String> words = CommandRule.withoutAssignments(ReadmeCommands.words(command));
            switch (rule.handling()) {
                case CHANGE_DIRECTORY -> {
                    Path target = directory.resolve(words.get(1)).normalize();
                    assertTrue(Files.isDirectory(target), "`" + command + "`: no directory " + target);
                    directory = target;
                }
                case RUN -> {
                    Finished run = runToEnd(command, Map.of(), RUN_TIMEOUT);
                    assertEquals(0, run.exitValue(), "`" + command + "` in " + directory + " failed\n" + run.tail());
                }
                case SERVER -> startServer(command);
                case HTTP_REQUEST -> request(command);
                case FUNCTION -> startFunction(command, words);
                case INVOCATION -> invoke(command, words);
                case NOT_RUN -> throw new IllegalStateException("not-run commands are skipped before");
            }
        }

        private void startServer(String command) throws IOException, InterruptedException {
            serverPort = freePort();
            server = start(command, Map.of("PORT", Integer.toString(serverPort)));
            long deadline = System.nanoTime() + SERVER_START.toNanos();
            while (!listens(serverPort)) {
                assertTrue(server.isAlive(), "`" + command + "` ended before it listened on PORT " + serverPort + "\n"
                        + server.outputTail());
                assertTrue(System.nanoTime() < deadline, "`" + command + "` did not listen on PORT " + serverPort
                        + " within " + SERVER_START.toMinutes() + " min\n" + server.outputTail());
                Thread.sleep(250);
            }
            // Still alive a moment later: else what answered on the port was another process, or it stopped.
            Thread.sleep(250);
            assertTrue(server.isAlive(), "`" + command + "` ended after PORT " + serverPort + " answered\n"
                    + server.outputTail());
        }

        private void request(String command) throws IOException, InterruptedException {
            assertTrue(server != null, "`" + command + "` asks a server, but none was started before it in its block");
            String sent = README_PORT.matcher(command).replaceAll("$1:" + serverPort);
            Finished curl = runToEnd(sent + " --silent --show-error --max-time " + REQUEST_TIMEOUT.toSeconds()
                    + " --write-out '\\n%{http_code}'", Map.of(), REQUEST_TIMEOUT.plusSeconds(5));
            String output = curl.output();
            assertEquals(0, curl.exitValue(), "`" + sent + "` failed: " + output + "\nthe server:\n" + server.outputTail());
            String status = output.substring(output.lastIndexOf('\n') + 1);
            String body = output.substring(0, Math.max(0, output.lastIndexOf('\n')));
            assertTrue(status.startsWith("2"), "`" + sent + "` answered HTTP " + status + ": " + body + "\nthe server:\n"
                    + server.outputTail());
            Matcher hello = HELLO_NAME.matcher(command);
            if (hello.find()) {
                assertEquals("hello, " + hello.group(1) + "!", JSON.readTree(body).path("message").asText(),
                        "`" + sent + "` answered " + body);
            }
        }

        private void startFunction(String command, List<String> words) {
            RequiredChecks.assume(RequiredChecks.SANDBOX,
                    LambdaSandbox.unavailable().map(reason -> "the emulator stand-in needs the Lambda sandbox: " + reason));
            // docker run [OPTIONS] IMAGE [HANDLER]: a handler after the image is the queue worker's.
            List<String> arguments = words.subList(2, words.size());
            int image = 0;
            while (image < arguments.size() && arguments.get(image).startsWith("-")) {
                image += Set.of("-p", "-e", "--name", "--platform", "-v").contains(arguments.get(image)) ? 2 : 1;
            }
            Expectation.Source serves = image + 1 < arguments.size() ? Expectation.Source.SQS
                    : Expectation.Source.API_GATEWAY;
            this.image = FunctionImage.layOut(directory, WORK.resolve("logs"), serves);
            this.function = this.image.start(FunctionLaunch.Settings.CONTRACT.without(Set.of("AWS_LAMBDA_RUNTIME_API")),
                    "docker-run.log");
            logs.add(WORK.resolve("logs").resolve("docker-run.log"));
        }

        private void invoke(String command, List<String> words) throws IOException, InterruptedException {
            assertTrue(function != null, "`" + command + "` invokes a function, but none was started before it "
                    + "in its block (docker run)");
            Finished invoke = runToEnd(command, Map.of("RIE_URL", function.rieInvokeUri().toString()),
                    REQUEST_TIMEOUT.plusSeconds(30));
            String output = invoke.output();
            assertEquals(0, invoke.exitValue(), "`" + command + "` failed: " + output + "\nthe function:\n"
                    + function.outputTail());
            String eventName = Path.of(words.get(1)).getFileName().toString();
            Expectation expected = GeneratedProject.load(directory).expectations().get(eventName);
            assertTrue(expected != null, "events/expected.json says nothing about " + eventName);
            List<String> mismatches = expected.mismatches(JSON.readTree(output));
            assertTrue(mismatches.isEmpty(), "`" + command + "` printed an answer that does not meet "
                    + "events/expected.json: " + mismatches + "\n  got " + output);
        }

        /** A command that ran to its end: its exit value, and its whole output once it is all written. */
        private record Finished(int exitValue, String output, String tail) {}

        private Finished runToEnd(String command, Map<String, String> extraEnvironment, Duration timeout)
                throws IOException, InterruptedException {
            int exitValue;
            String tail;
            Path log;
            try (ChildProcess process = start(command, extraEnvironment)) {
                assertTrue(process.waitFor(timeout), "`" + command + "` did not end within " + timeout.toSeconds()
                        + " s\n" + process.outputTail());
                process.awaitQuietOutput();
                exitValue = process.process().exitValue();
                tail = process.outputTail();
                log = process.logFile();
            }
            // Closed: the output is in the log file now.
            return new Finished(exitValue, Files.readString(log).strip(), tail);
        }

        /** Stops what the block started. */
        void endBlock() {
            if (server != null) {
                server.close();
                server = null;
            }
            if (function != null) {
                function.close();
                function = null;
            }
            if (image != null) {
                image.close();
                image = null;
            }
        }

        /**
         * Starts {@code command} with bash in the current directory, as a newcomer's shell would: this
         * build's JDK and Maven on the PATH, its local repository, the machine's ~/.m2/wrapper.
         */
        private ChildProcess start(String command, Map<String, String> extraEnvironment) {
            Map<String, String> environment = new LinkedHashMap<>();
            String javaHome = System.getProperty("java.home");
            String mavenHome = System.getProperty("maven.home", "");
            environment.put("PATH", javaHome + "/bin:" + (mavenHome.isEmpty() ? "" : mavenHome + "/bin:")
                    + "/usr/local/bin:/usr/bin:/bin");
            environment.put("JAVA_HOME", javaHome);
            environment.put("HOME", System.getProperty("user.home"));
            environment.put("LANG", "C.UTF-8");
            String localRepository = System.getProperty("it.localRepository", "");
            if (!localRepository.isEmpty()) {
                environment.put("MAVEN_OPTS", "-Dmaven.repo.local=" + localRepository);
            }
            environment.putAll(extraEnvironment);
            String slug = command.replaceAll("[^A-Za-z0-9.-]+", "_");
            Path log = WORK.resolve("logs").resolve(String.format("%02d-%s.log", logs.size() + 1,
                    slug.substring(0, Math.min(40, slug.length()))));
            logs.add(log);
            return ChildProcess.start(List.of("bash", "-c", command), environment, directory, log);
        }
    }

    /**
     * What a newcomer runs: this repository's files as a fresh clone has them, that is those git
     * tracks or would track (not ignored), copied from the working tree.
     */
    private static void freshClone(Path clone) throws IOException, InterruptedException {
        TestDirectories.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("logs"));
        Process git;
        try {
            git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(REPOSITORY.toFile()).redirectError(WORK.resolve("logs/git.log").toFile()).start();
        } catch (IOException e) {
            abort("skipped: no git to list the repository's files with: " + e.getMessage());
            return;
        }
        byte[] listing = git.getInputStream().readAllBytes();
        assertTrue(git.waitFor(1, TimeUnit.MINUTES), "git ls-files did not end");
        assumeTrue(git.exitValue() == 0, () -> "skipped: " + REPOSITORY + " is not a git checkout, so there is no "
                + "fresh clone to make: " + read(WORK.resolve("logs/git.log")).strip());
        int copied = 0;
        for (String file : new String(listing, StandardCharsets.UTF_8).split("\0")) {
            Path source = REPOSITORY.resolve(file);
            if (file.isEmpty() || !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                continue; // deleted in the working tree: a clone made after committing has it no more
            }
            Path target = clone.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            copied++;
        }
        assertTrue(Files.isRegularFile(clone.resolve("README.md")), "the clone has no README.md (" + copied + " files)");
        Optional<String> noMaven = MavenCentral.wrapperMavenUnavailable();
        RequiredChecks.assume(RequiredChecks.MAVEN_CENTRAL, noMaven);
        NEWCOMER.directory = clone;
        System.out.println("fresh clone: " + copied + " files in " + clone);
    }

    /**
     * What the commands printed in the generated project: no Flyway warning about an unverified
     * database version, and the project's own version as every log line's service.version.
     */
    private static void whatTheyPrinted(Path project) throws Exception {
        assumeTrue(NEWCOMER.failure == null, () -> "skipped: an earlier command failed: " + NEWCOMER.failure);
        ProjectOutput output = ProjectOutput.read(project, NEWCOMER.logs);
        assertTrue(output.serviceLines() > 0, "no JSON log line with a service object in " + NEWCOMER.logs);
        assertTrue(output.problems().isEmpty(), output.describe());
        System.out.println("what the commands printed: " + output.serviceLines() + " JSON log lines named the service, "
                + "none another version than the project's; no Flyway warning");
    }

    private static Stream<DynamicTest> lazily(Supplier<Stream<DynamicTest>> tests) {
        return Stream.of(tests).flatMap(Supplier::get);
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
