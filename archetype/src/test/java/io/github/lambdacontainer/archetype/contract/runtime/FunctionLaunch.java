package io.github.lambdacontainer.archetype.contract.runtime;

import io.github.lambdacontainer.archetype.contract.dockerfile.Dockerfile;
import io.github.lambdacontainer.archetype.contract.image.ImageLayout;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * How a Lambda image starts one of its functions, reproduced on the host: the base image's
 * bootstrap (the runtime interface client with the bootstrap's JVM flags) when the Dockerfile keeps
 * the base image's entry point, else the Dockerfile's own ENTRYPOINT script; either way with the
 * handler (CMD, or the function's ImageConfig.Command) as the argument, in the environment Lambda
 * gives a function, inside the {@link LambdaSandbox} where this machine allows it.
 *
 * <p>The verifier's own JVM options (its class-loading and heap logs) go through
 * {@code JAVA_TOOL_OPTIONS} to an entry point it does not write, after any the image or the
 * caller set; the JVM then prints one {@code Picked up JAVA_TOOL_OPTIONS: ...} line, which
 * {@link #pickedUpLine()} names so that output checks can tell it from the function's.
 */
public final class FunctionLaunch implements AutoCloseable {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path workDirectory;
    private final List<String> jvmOptions;
    private final Path jvmLogs;
    private final int memoryMb;
    private final Optional<LambdaSandbox.Sandboxed> sandbox;

    private FunctionLaunch(List<String> command, Map<String, String> environment, Path workingDirectory,
            Path workDirectory, List<String> jvmOptions, Path jvmLogs, int memoryMb, Optional<LambdaSandbox.Sandboxed> sandbox) {
        this.command = command;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.workDirectory = workDirectory;
        this.jvmOptions = jvmOptions;
        this.jvmLogs = jvmLogs;
        this.memoryMb = memoryMb;
        this.sandbox = sandbox;
    }

    /**
     * What a run may change: environment variables that win over the image's and Lambda's (an
     * {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE} here also sets the sandbox's memory; a
     * {@code JAVA_TOOL_OPTIONS} comes before the verifier's own), variables Lambda sets that this
     * run goes without (e.g. AWS_LAMBDA_RUNTIME_API, for a {@code docker run}), whether the JVM
     * writes its class-loading and heap logs (they slow a cold start down: the benchmark turns them off),
     * and whether the function gets only Lambda's CPU share for its memory ({@link LambdaCpu}) instead
     * of this host's cores.
     */
    public record Settings(Map<String, String> environment, Set<String> unset, boolean jvmLogs, boolean lambdaCpuShare) {
        public static final Settings CONTRACT = new Settings(Map.of(), Set.of(), true, false);
        public static final Settings BENCHMARK = new Settings(Map.of(), Set.of(), false, false);

        public Settings withEnvironment(Map<String, String> extra) {
            return new Settings(Map.copyOf(extra), unset, jvmLogs, lambdaCpuShare);
        }

        public Settings without(Set<String> names) {
            return new Settings(environment, Set.copyOf(names), jvmLogs, lambdaCpuShare);
        }

        public Settings withLambdaCpuShare() {
            return new Settings(environment, unset, jvmLogs, true);
        }
    }

    public static FunctionLaunch of(StaticContract.LambdaImage image, JavaRuntime java, String runtimeApiAddress,
            Path runDirectory, Settings settings) {
        return of(image, java, runtimeApiAddress, runDirectory, settings, false);
    }

    /**
     * The same image started by the base image's own bootstrap even where the Dockerfile has an
     * ENTRYPOINT, which is how the benchmark measures what the entry point saves.
     */
    public static FunctionLaunch baseImageBootstrap(StaticContract.LambdaImage image, JavaRuntime java,
            String runtimeApiAddress, Path runDirectory, Settings settings) {
        return of(image, java, runtimeApiAddress, runDirectory, settings, true);
    }

    private static FunctionLaunch of(StaticContract.LambdaImage image, JavaRuntime java, String runtimeApiAddress,
            Path runDirectory, Settings settings, boolean ignoreEntrypoint) {
        Dockerfile dockerfile = image.dockerfile();
        ImageLayout layout = image.layout();
        Path jvmLogs = LambdaSandbox.writableDirectory(runDirectory.resolve("jvm-logs"));
        Map<String, String> environment = RuntimeInterfaceClient.environment(layout.environment(dockerfile, java),
                java, image.handler(), runtimeApiAddress, image.function(), layout);
        settings.environment().forEach((name, value) -> {
            if (!name.equals("JAVA_TOOL_OPTIONS")) {
                environment.put(name, value);
            }
        });
        settings.unset().forEach(environment::remove);
        int memoryMb = Integer.parseInt(environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        List<String> verifierOptions = new ArrayList<>(settings.jvmLogs()
                ? List.of("-Xlog:class+load=info:file=" + jvmLogs.resolve(ClassLoadLog.FILE),
                        "-Xlog:gc=info,gc+init=info:file=" + jvmLogs.resolve(HeapSettings.FILE))
                : List.of());
        LambdaCpu cpu = LambdaCpu.forMemory(memoryMb);
        if (settings.lambdaCpuShare()) {
            verifierOptions.add(cpu.processorCountOption());
        }
        Path workingDirectory = layout.hostPath(dockerfile.workdir());
        List<String> command;
        List<String> jvmOptions;
        if (dockerfile.entrypoint().isEmpty() || ignoreEntrypoint) {
            Path jniLibrary = RuntimeInterfaceClient.unpackJniLibrary(runDirectory.resolve("jni"), java);
            List<String> flags = new ArrayList<>(RuntimeInterfaceClient.jvmFlags(memoryMb, jniLibrary, java));
            flags.addAll(verifierOptions);
            Optional.ofNullable(settings.environment().get("JAVA_TOOL_OPTIONS"))
                    .ifPresent(options -> environment.put("JAVA_TOOL_OPTIONS", options));
            command = RuntimeInterfaceClient.command(java, flags, image.handler(), layout.hostPath("/var/runtime/lib"));
            jvmOptions = List.copyOf(flags);
        } else {
            List<String> toolOptions = new ArrayList<>();
            Optional.ofNullable(environment.get("JAVA_TOOL_OPTIONS")).ifPresent(toolOptions::add);
            Optional.ofNullable(settings.environment().get("JAVA_TOOL_OPTIONS")).ifPresent(toolOptions::add);
            toolOptions.addAll(verifierOptions);
            if (toolOptions.isEmpty()) {
                environment.remove("JAVA_TOOL_OPTIONS");
            } else {
                environment.put("JAVA_TOOL_OPTIONS", String.join(" ", toolOptions));
            }
            command = new ArrayList<>(layout.hostCommand(dockerfile.entrypoint()));
            command.add(image.handler()); // Lambda passes CMD, or ImageConfig.Command in its place, to the entry point
            jvmOptions = verifierOptions.isEmpty() ? List.of() : List.of("JAVA_TOOL_OPTIONS=" + environment.get("JAVA_TOOL_OPTIONS"));
        }
        Optional<LambdaSandbox.Sandboxed> sandbox = LambdaSandbox.unavailable().isEmpty()
                ? Optional.of(LambdaSandbox.wrap(
                        new LambdaSandbox.ImageProcess(command, environment, workingDirectory, layout.workDirectory()),
                        layout.root(), LambdaSandbox.emulatorStandIn(runDirectory.resolve("usr-local-bin"), runtimeApiAddress),
                        memoryMb, settings.lambdaCpuShare() ? OptionalDouble.of(cpu.share()) : OptionalDouble.empty()))
                : Optional.empty();
        return new FunctionLaunch(sandbox.map(LambdaSandbox.Sandboxed::command).orElse(List.copyOf(command)),
                sandbox.map(LambdaSandbox.Sandboxed::environment).orElse(environment), workingDirectory,
                layout.workDirectory(), jvmOptions, jvmLogs, memoryMb, sandbox);
    }

    /** What the host runs. */
    public List<String> command() {
        return command;
    }

    /** The environment it runs with (nothing else is inherited), its paths as the function sees them. */
    public Map<String, String> environment() {
        return new LinkedHashMap<>(environment);
    }

    /** Where it starts: the image's WORKDIR. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** The image's work directory (its layout, this run) as the function sees it: in the sandbox's view, or where it is. */
    public String workDirectoryAsSeen() {
        return sandbox.isPresent() ? LambdaSandbox.WORK_VIEW : workDirectory.toString();
    }

    /** What the verifier added: the bootstrap's flags, or its JAVA_TOOL_OPTIONS. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** The function's memory this run has (template.yaml MemorySize, or what the settings gave). */
    public int memoryMb() {
        return memoryMb;
    }

    /** The JVM's class-loading log (empty file or none when the settings turned logs off). */
    public Path classLoadLog() {
        return jvmLogs.resolve(ClassLoadLog.FILE);
    }

    /** The JVM's heap and collector log. */
    public Path heapLog() {
        return jvmLogs.resolve(HeapSettings.FILE);
    }

    /** The line the JVM prints because JAVA_TOOL_OPTIONS is set, if it is. */
    public Optional<String> pickedUpLine() {
        return Optional.ofNullable(environment.get("JAVA_TOOL_OPTIONS")).map(options -> "Picked up JAVA_TOOL_OPTIONS: " + options);
    }

    /** Whether the JVM runs in a memory cgroup of {@link #memoryMb()}, so it must see that as its memory. */
    public boolean hasMemoryEnvelope() {
        return sandbox.flatMap(LambdaSandbox.Sandboxed::cgroup).isPresent();
    }

    /** Whether the process runs under a CPU quota of Lambda's share for {@link #memoryMb()}. */
    public boolean hasCpuQuota() {
        return sandbox.flatMap(LambdaSandbox.Sandboxed::cpuCgroup).isPresent();
    }

    /** How the run is isolated as Lambda isolates a function, or why it is not. */
    public String sandbox() {
        return sandbox.map(LambdaSandbox.Sandboxed::description)
                .orElseGet(() -> "not sandboxed: " + LambdaSandbox.unavailable().orElse("?"));
    }

    /** Removes the run's memory cgroup; call after its process has ended. */
    @Override
    public void close() {
        sandbox.ifPresent(LambdaSandbox.Sandboxed::close);
    }
}
