package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.lambdacontainer.archetype.contract.ContainerContract;
import io.github.lambdacontainer.archetype.contract.ContractReport;
import io.github.lambdacontainer.archetype.contract.concurrency.ConcurrencyCheck;
import io.github.lambdacontainer.archetype.contract.project.SamTemplate;
import io.github.lambdacontainer.archetype.contract.project.TemplateSchemas;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * Runs after the archetype integration tests generated and built each variant under
 * {@code target/test-classes/projects/<variant>/project/<artifactId>/}: each one's own tests must
 * have run and passed, and its container images must meet the container contract.
 */
class GeneratedProjectsIT {

    private static final String ARM64_DOCKERFILE = "Dockerfile.arm64";
    private static final String SMOKE_EVERY_PROJECT_PROPERTY = "container-contract.smokeEveryProject";
    private static final boolean SMOKE_EVERY_PROJECT = Boolean.getBoolean(SMOKE_EVERY_PROJECT_PROPERTY);
    /** Where sam.schema.json and aws-lambda-function.schema.json are; not part of this repository. */
    private static final String SCHEMAS = System.getProperty("template.schemas", "");

    @TestFactory
    Stream<DynamicNode> everyGeneratedProjectPassesItsTestsAndMeetsTheContainerContract() {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no generated project under " + GeneratedVariant.PROJECTS.toAbsolutePath()
                + "; the archetype integration tests (archetype:integration-test) must run before this test");
        List<GeneratedVariant> smokeTested = SMOKE_EVERY_PROJECT ? variants
                : GeneratedVariant.onePerFrameworkAndPayloadVersion(variants);
        return variants.stream().map(variant -> {
            AtomicReference<ContractReport> verified = new AtomicReference<>();
            boolean smoke = smokeTested.contains(variant);
            return dynamicContainer(variant.name(), Stream.of(
                    dynamicTest("its own tests passed", () -> assertOwnTestsPassed(variant)),
                    dynamicTest("container contract", () -> {
                        ContractReport report = ContainerContract.verify(variant.project(), variant.name(),
                                ContainerContract.Options.defaults().withSmokeScript(smoke));
                        verified.set(report);
                        // Both Lambda Dockerfiles and the server's, run or (arm64 without a JVM) not.
                        assertEquals(3, Stream.concat(report.dockerfiles().stream().map(ContractReport.DockerfileRun::dockerfile),
                                report.notExecuted().stream().map(ContractReport.NotExecuted::dockerfile)).distinct().count(),
                                "Dockerfiles verified for " + variant.name());
                    }),
                    dynamicTest("scripts/smoke-test.sh passed against each function",
                            () -> smokeTested(variant, smoke, smokeTested, verified.get())),
                    dynamicTest("functions ran as Lambda runs them", () -> sandboxed(variant, verified.get())),
                    dynamicTest("only JSON lines, the JVM's own included", () -> jvmLinesChecked(variant, verified.get())),
                    dynamicTest("Dockerfile.arm64 executed on an aarch64 JVM", () -> arm64Executed(variant, verified.get())),
                    dynamicTest("overlapping invocations (Lambda Managed Instances)",
                            () -> overlappingInvocations(variant, verified.get())),
                    dynamicTest(".gitignore: target/ ignored, nothing else", () -> gitIgnoresTargetOnly(variant)),
                    dynamicTest("its build printed its own version, no Flyway warning", () -> buildOutput(variant))));
        });
    }

    /**
     * The contract ran the project's scripts/smoke-test.sh (the check CI runs on each image before
     * pushing it) against the API function and, with worker=sqs, the queue worker, each already
     * answering behind the verifier's emulator endpoint; a failing script fails the contract itself.
     */
    private static void smokeTested(GeneratedVariant variant, boolean smoke, List<GeneratedVariant> smokeTested,
            ContractReport report) {
        RequiredChecks.notApplicable(report != null, () -> "the container contract did not complete");
        // Each run is a Maven build of its own (20 to 30 s on a busy machine): one per framework and payload version.
        RequiredChecks.notApplicable(smoke, () -> "smoke-tested on one project per framework and payload version ("
                + smokeTested.stream().map(GeneratedVariant::name).collect(Collectors.joining(", "))
                + "); -D" + SMOKE_EVERY_PROJECT_PROPERTY + "=true runs it on every project");
        List<String> options = new ArrayList<>(List.of("--url"));
        if (variant.worker().equals("sqs")) {
            options.add("--worker-url");
        }
        for (String option : options) {
            assertTrue(report.smokeScripts().stream().anyMatch(run -> run.command().contains(" " + option + " ")),
                    variant.name() + ": scripts/smoke-test.sh was not run with " + option + ": " + report.smokeScripts());
        }
        report.smokeScripts().forEach(run -> System.out.printf(Locale.ROOT, "%s: `%s` passed in %.1f s%n", variant.name(),
                run.command(), run.elapsedMs() / 1000.0));
    }

    /**
     * Every Lambda run of the contract was inside the Lambda sandbox (read-only task root, private
     * /tmp, not root) and in a memory cgroup of its function's memory, or this machine cannot make
     * one, which is reported as a skip with the reason.
     */
    private static void sandboxed(GeneratedVariant variant, ContractReport report) {
        RequiredChecks.notApplicable(report != null, () -> "the container contract did not complete");
        RequiredChecks.assume(RequiredChecks.SANDBOX, LambdaSandbox.unavailable());
        for (ContractReport.DockerfileRun run : report.dockerfiles()) {
            if (run.kind().equals("lambda")) {
                assertTrue(run.sandbox().startsWith("task root read-only"), variant.name() + ": " + run.dockerfile()
                        + " ran outside the Lambda sandbox: " + run.sandbox());
                RequiredChecks.assume(RequiredChecks.SANDBOX, !run.sandbox().contains("no memory cgroup"),
                        () -> "the memory envelope: " + run.sandbox());
            }
        }
    }

    /**
     * The contract held every line each function wrote to be JSON, the JVM's own start-up lines
     * included; where a JVM of another release stood in for the image's (Java 21 on JDK 25 here),
     * its own lines were left out, which is reported as a skip with the reason.
     */
    private static void jvmLinesChecked(GeneratedVariant variant, ContractReport report) {
        RequiredChecks.notApplicable(report != null, () -> "the container contract did not complete");
        for (ContractReport.DockerfileRun run : report.dockerfiles()) {
            if (!run.kind().equals("lambda")) {
                continue;
            }
            assertTrue(run.jsonLinesChecked() > 0, variant.name() + ": the output of " + run.dockerfile() + " ("
                    + run.command() + ") was not checked line by line");
            RequiredChecks.notApplicable(run.jvmLinesUnchecked() == 0, () -> run.dockerfile() + " ran on " + run.java() + " "
                    + run.javaVersion() + ", standing in for Java " + report.javaVersion() + "; its "
                    + run.jvmLinesUnchecked() + " own start-up lines say nothing about the image's JVM and were not checked");
        }
    }

    /**
     * The arm64 image ran under an aarch64 JVM (user-mode emulation on this x86_64 machine) and
     * answered its events, or, where no aarch64 JDK of its Java version exists here, is reported
     * as not executed: a skip with the reason, never a pass.
     */
    private static void arm64Executed(GeneratedVariant variant, ContractReport report) {
        RequiredChecks.notApplicable(report != null, () -> "the container contract did not complete");
        report.notExecuted().stream().filter(entry -> entry.dockerfile().equals(ARM64_DOCKERFILE)).findFirst()
                .ifPresent(entry -> {
                    // Only the releases with an aarch64 JDK package can run; the others are skipped wherever.
                    if (JavaRuntime.AARCH64_JDK_RELEASES.contains(Integer.parseInt(variant.javaVersion()))) {
                        RequiredChecks.assume(RequiredChecks.ARM64, false, entry::reason);
                    }
                    RequiredChecks.notApplicable(false, entry::reason);
                });
        List<ContractReport.DockerfileRun> runs = report.dockerfiles().stream()
                .filter(run -> run.dockerfile().equals(ARM64_DOCKERFILE)).toList();
        assertFalse(runs.isEmpty(), variant.name() + ": " + ARM64_DOCKERFILE + " was neither run nor reported as not run");
        for (ContractReport.DockerfileRun run : runs) {
            assertEquals("aarch64", run.architecture(), variant.name() + ": " + ARM64_DOCKERFILE + " ran on " + run.java());
            assertTrue(run.eventsChecked() > 0, variant.name() + ": " + ARM64_DOCKERFILE + " answered no event");
            assertFalse(run.jniLibrary().isEmpty(), variant.name() + ": the aarch64 JVM loaded no runtime client JNI library");
        }
        System.out.printf("%s: %s on an aarch64 JVM under emulation: %d events in %.1f s%n", variant.name(),
                ARM64_DOCKERFILE, runs.stream().mapToInt(ContractReport.DockerfileRun::eventsChecked).sum(),
                runs.stream().mapToLong(ContractReport.DockerfileRun::elapsedMs).sum() / 1000.0);
    }

    /**
     * Each function with a per-environment max concurrency took batches of that many invocations at
     * once, every answer and log line its own (ConcurrencyCheck, which the contract ran); a project
     * generated with managedInstances=true must have been checked so. Others are reported as a
     * skip with the reason.
     */
    private static void overlappingInvocations(GeneratedVariant variant, ContractReport report) {
        RequiredChecks.notApplicable(report != null, () -> "the container contract did not complete");
        report.concurrencyNotChecked().forEach(reason -> System.out.println(variant.name() + ": concurrency: " + reason));
        if (variant.managedInstances()) {
            assertFalse(report.concurrency().isEmpty(), variant.name() + " was generated with managedInstances=true, but "
                    + "no function took overlapping invocations: " + report.concurrencyNotChecked());
        }
        RequiredChecks.notApplicable(!report.concurrency().isEmpty(), () -> String.join("; ", report.concurrencyNotChecked())
                .replaceFirst("^skipped: ", ""));
        for (ConcurrencyCheck.Figures figures : report.concurrency()) {
            System.out.printf(Locale.ROOT, "%s: %s: %d invocations in batches of %d, each batch's %d in flight before its "
                            + "first answer, %.0f invocations/s, %d concurrent orders listed, %d log lines checked%s%n",
                    variant.name(), figures.dockerfile(), figures.invocations(), figures.maxConcurrency(),
                    figures.inFlightBeforeFirstAnswer(), figures.invocationsPerSecond(), figures.ordersListed(),
                    figures.logLinesChecked(), figures.notChecked().isEmpty() ? "" : "; not checked: " + figures.notChecked());
        }
    }

    /**
     * The generated .gitignore, asked by git itself (check-ignore, in a scratch repository holding
     * only that file): the build output under target/ is ignored, every file generated is not.
     */
    private static void gitIgnoresTargetOnly(GeneratedVariant variant) throws Exception {
        Path gitignore = variant.project().resolve(".gitignore");
        assertTrue(Files.isRegularFile(gitignore), variant.name() + ": no .gitignore, so `git add .` commits target/");
        Path repository = Path.of("target/gitignore-check", variant.name()).toAbsolutePath();
        TestDirectories.deleteRecursively(repository);
        Files.createDirectories(repository);
        Files.copy(gitignore, repository.resolve(".gitignore"));
        List<String> generated;
        try (Stream<Path> files = Files.walk(variant.project())) {
            generated = files.filter(Files::isRegularFile)
                    .map(file -> variant.project().relativize(file).toString())
                    .filter(file -> !file.startsWith("target/"))
                    .sorted().toList();
        }
        List<String> built = List.of("target/", "target/lib/" + variant.project().getFileName() + ".jar",
                "target/classes/application.properties");
        git(repository, "", "init", "-q");
        List<String> ignored = git(repository, String.join("\n", Stream.concat(generated.stream(), built.stream()).toList()),
                "check-ignore", "--no-index", "--stdin");
        assertEquals(built, ignored, variant.name() + ": the paths .gitignore ignores, of " + generated.size()
                + " generated files and " + built);
    }

    /** Runs git in {@code directory} with {@code input}; its output lines (exit 1 of check-ignore: none). */
    private static List<String> git(Path directory, String input, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.excludesFile=/dev/null"));
        command.addAll(List.of(arguments));
        Process git;
        try {
            git = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("git is needed to ask what .gitignore ignores: " + e.getMessage(), e);
        }
        try (var stdin = git.getOutputStream()) {
            if (!input.isEmpty()) { // a git that reads no input may have ended already: nothing to write to
                stdin.write((input + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(git.waitFor(1, TimeUnit.MINUTES), "git " + arguments[0] + " did not end");
        assertTrue(git.exitValue() <= 1, "git " + String.join(" ", arguments) + " failed: " + output);
        return output.lines().toList();
    }

    /**
     * The generated project's build (its log, build.log: its tests' output among it) shows no
     * Flyway warning about an unverified database version, and the project's version as the
     * service.version of every JSON log line that has one.
     */
    private static void buildOutput(GeneratedVariant variant) throws Exception {
        Path log = variant.project().resolve("build.log");
        assertTrue(Files.isRegularFile(log), variant.name() + ": no " + log);
        ProjectOutput output = ProjectOutput.read(variant.project(), List.of(log));
        assertTrue(output.problems().isEmpty(), variant.name() + ":\n" + output.describe());
    }

    /**
     * With a database, every function in template.yaml is given the secret's ARN (DATABASE_SECRET_ARN,
     * the login fetched at run time) and may read that secret alone, when one is given; no user,
     * password or dynamic reference to the secret's value is anywhere in the template.
     */
    @TestFactory
    Stream<DynamicTest> databaseFunctionsGetTheSecretsArnAndMayReadThatSecretAlone() {
        List<GeneratedVariant> variants = GeneratedVariant.all().stream().filter(variant -> !variant.database().equals("none"))
                .toList();
        assertFalse(variants.isEmpty(), "no generated project with a database under " + GeneratedVariant.PROJECTS.toAbsolutePath());
        SamTemplate.Intrinsic secretArn = new SamTemplate.Intrinsic("Ref", "DatabaseSecretArn");
        List<?> readTheSecretAlone = List.of(new SamTemplate.Intrinsic("If", List.of("HasDatabaseSecret",
                Map.of("AWSSecretsManagerGetSecretValuePolicy", Map.of("SecretArn", secretArn)),
                new SamTemplate.Intrinsic("Ref", "AWS::NoValue"))));
        return variants.stream().map(variant -> dynamicTest(variant.name(), () -> {
            Path file = variant.project().resolve("template.yaml");
            assertFalse(Files.readString(file).contains("{{resolve:secretsmanager"), variant.name()
                    + ": template.yaml resolves the secret's value at deploy time");
            Map<?, ?> resources = (Map<?, ?>) SamTemplate.read(file).get("Resources");
            int functions = 0;
            for (Map.Entry<?, ?> resource : resources.entrySet()) {
                Map<?, ?> definition = (Map<?, ?>) resource.getValue();
                if (!"AWS::Serverless::Function".equals(definition.get("Type"))) {
                    continue;
                }
                functions++;
                Map<?, ?> properties = (Map<?, ?>) definition.get("Properties");
                Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) properties.get("Environment")).get("Variables");
                String function = variant.name() + ": " + resource.getKey();
                assertEquals(secretArn, variables.get("DATABASE_SECRET_ARN"), function + ": DATABASE_SECRET_ARN");
                assertFalse(variables.containsKey("DATABASE_USER") || variables.containsKey("DATABASE_PASSWORD"),
                        function + ": a login in the configuration");
                assertEquals(readTheSecretAlone, properties.get("Policies"), function + ": Policies");
            }
            assertTrue(functions > 0, variant.name() + ": no AWS::Serverless::Function in template.yaml");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratedTemplateMatchesTheSamAndLambdaSchemas() {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no generated project under " + GeneratedVariant.PROJECTS.toAbsolutePath());
        return variants.stream().map(variant -> dynamicTest(variant.name(), () -> {
            RequiredChecks.assume(RequiredChecks.TEMPLATE_SCHEMAS, !SCHEMAS.isBlank(),
                    () -> "no schema directory given (-Dtemplate.schemas=DIR)");
            List<String> problems = TemplateSchemas.load(Path.of(SCHEMAS)).problems(variant.project().resolve("template.yaml"));
            assertTrue(problems.isEmpty(), variant.name() + ": template.yaml does not match the schemas:\n  "
                    + String.join("\n  ", problems));
        }));
    }

    private static void assertOwnTestsPassed(GeneratedVariant variant) throws Exception {
        Path reports = variant.project().resolve("target/surefire-reports");
        assertTrue(Files.isDirectory(reports), variant.name() + ": the generated project's own tests did not run ("
                + reports + " is missing)");
        int tests = 0;
        List<String> failed = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Element suite = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
                tests += count(suite, "tests");
                int broken = count(suite, "failures") + count(suite, "errors");
                if (broken > 0) {
                    failed.add(suite.getAttribute("name") + " (" + broken + " failed)");
                }
            }
        }
        assertTrue(tests > 0, variant.name() + ": the generated project ran no tests (" + reports + ")");
        assertTrue(failed.isEmpty(), variant.name() + ": the generated project's tests failed: " + failed);
    }

    private static int count(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
