package io.github.lambdacontainer.archetype.contract;

import io.github.lambdacontainer.archetype.TestDirectories;
import io.github.lambdacontainer.archetype.contract.concurrency.ConcurrencyCheck;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Proves a generated project's container images work without a Docker engine: the static contract
 * (Dockerfiles ↔ pom.xml ↔ template.yaml ↔ handler), then each Lambda image laid out and run under
 * the real runtime interface client answering every event in {@code events/} as
 * {@code events/expected.json} says (SQS batches through the handler the template's SQS function
 * puts in place of the CMD), {@code scripts/invoke.sh} and {@code scripts/smoke-test.sh} against an
 * emulator endpoint, and
 * {@code Dockerfile.server} answering the same events over HTTP; a function with a per-environment
 * max concurrency (Lambda Managed Instances) also takes overlapping invocations ({@link ConcurrencyCheck}).
 * Safe to run in parallel.
 */
public final class ContainerContract {

    /**
     * @param coldAnswerTimeout how long the first event may take (JVM and framework start included)
     * @param warmAnswerTimeout how long each later event may take
     * @param reportDirectory   where {@code <variant>.json} and the processes' logs go
     * @param runSmokeScript    whether to run the project's scripts/smoke-test.sh (a Maven project's) against
     *                          each kind of function (API, queue worker) once, on an image this machine runs natively
     * @param workDirectory     where the images are laid out and run ({@link TestDirectories#sandboxWork()})
     */
    public record Options(Duration coldAnswerTimeout, Duration warmAnswerTimeout, Path reportDirectory,
            boolean runSmokeScript, Path workDirectory) {

        /**
         * 60 s cold, 15 s warm, reports in {@code target/container-contract} (or {@code
         * -Dcontainer-contract.reportDirectory}), scripts/smoke-test.sh run, as for a generated project,
         * images in {@link TestDirectories#sandboxWork()}.
         */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(60), Duration.ofSeconds(15),
                    Path.of(System.getProperty("container-contract.reportDirectory", "target/container-contract")), true,
                    TestDirectories.sandboxWork());
        }

        public Options withSmokeScript(boolean run) {
            return new Options(coldAnswerTimeout, warmAnswerTimeout, reportDirectory, run, workDirectory);
        }
    }

    private ContainerContract() {}

    public static ContractReport verify(Path generatedProjectDirectory, String variantName) {
        return verify(generatedProjectDirectory, variantName, Options.defaults());
    }

    /**
     * Verifies every Dockerfile of the project and writes the measurements to
     * {@code <reportDirectory>/<variantName>.json}.
     *
     * @throws AssertionError naming the variant, the Dockerfile, the event, expected and actual
     *                        values and the tail of the process output, when the contract fails
     */
    public static ContractReport verify(Path generatedProjectDirectory, String variantName, Options options) {
        Path project = generatedProjectDirectory.toAbsolutePath().normalize();
        Path logDirectory = options.reportDirectory().toAbsolutePath().resolve(variantName);
        Path workDirectory = LambdaSandbox.createWorkDirectory(options.workDirectory(), "container-contract-" + variantName);
        try {
            GeneratedProject generated = GeneratedProject.load(project);
            StaticContract.Images images = StaticContract.check(generated, workDirectory);
            List<ContractReport.DockerfileRun> runs = new ArrayList<>();
            List<ContractReport.NotExecuted> notExecuted = new ArrayList<>();
            boolean invokeScriptChecked = false;
            Set<Expectation.Source> smokeTested = EnumSet.noneOf(Expectation.Source.class);
            List<SmokeScriptCheck.Run> smokeScripts = new ArrayList<>();
            List<ConcurrencyCheck.Figures> concurrency = new ArrayList<>();
            List<String> concurrencyNotChecked = new ArrayList<>();
            for (StaticContract.LambdaImage image : images.lambdaImages()) {
                if (image.jvm().runtime().isEmpty()) {
                    if (notExecuted.stream().noneMatch(entry -> entry.dockerfile().equals(image.dockerfile().fileName()))) {
                        String architecture = image.dockerfile().fileName().substring(image.dockerfile().fileName().indexOf('.') + 1);
                        notExecuted.add(new ContractReport.NotExecuted(image.dockerfile().fileName(),
                                architecture + " not executed: " + image.jvm().whyNone()));
                    }
                    continue;
                }
                // invoke.sh talks to the image as built: its CMD handler, which answers API Gateway events.
                boolean runInvokeScript = !invokeScriptChecked && image.serves() == Expectation.Source.API_GATEWAY;
                // smoke-test.sh, once per kind of function, where it runs at native speed.
                boolean runSmokeScript = options.runSmokeScript() && image.jvm().runtime().orElseThrow().emulator().isEmpty()
                        && !smokeTested.contains(image.serves());
                runs.add(LambdaFunctionRun.run(generated, image, options, workDirectory, logDirectory, runInvokeScript,
                        runSmokeScript, smokeScripts));
                invokeScriptChecked |= runInvokeScript;
                if (runSmokeScript) {
                    smokeTested.add(image.serves());
                }
                if (image.function().maxConcurrency().isPresent()) {
                    concurrency.add(ConcurrencyCheck.run(generated, image, image.jvm().runtime().orElseThrow(),
                            options.coldAnswerTimeout(), options.warmAnswerTimeout(),
                            workDirectory.resolve(image.runName() + "-concurrency"),
                            logDirectory.resolve(image.runName() + "-concurrency.log")));
                }
            }
            if (generated.template().imageFunctions().stream().allMatch(function -> function.maxConcurrency().isEmpty())) {
                concurrencyNotChecked.add("skipped: no function in template.yaml sets CapacityProviderConfig."
                        + "PerExecutionEnvironmentMaxConcurrency (Lambda Managed Instances)");
            }
            runs.add(ServerContainerRun.run(generated, images.serverImage(), options, logDirectory));
            ContractReport report = new ContractReport(variantName, project.toString(), generated.javaVersion(),
                    List.copyOf(runs), List.copyOf(notExecuted), InvokeScriptCheck.SCRIPT + " events/" + InvokeScriptCheck.eventFor(generated),
                    List.copyOf(smokeScripts),
                    List.copyOf(concurrency), List.copyOf(concurrencyNotChecked));
            report.writeTo(options.reportDirectory());
            return report;
        } catch (AssertionError failure) {
            AssertionError named = new AssertionError("Container contract of variant '" + variantName + "' ("
                    + project + "):\n" + failure.getMessage(), failure.getCause());
            named.setStackTrace(failure.getStackTrace());
            throw named;
        } finally {
            deleteRecursively(workDirectory);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a verification for
        }
    }
}
