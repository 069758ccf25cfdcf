package io.github.lambdacontainer.archetype.contract.runtime;

import io.github.lambdacontainer.archetype.contract.dockerfile.Dockerfile;
import io.github.lambdacontainer.archetype.contract.image.ImageLayout;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a Lambda image starts one of its functions, reproduced on the host: the base image's
 * bootstrap (the runtime interface client with the bootstrap's JVM flags) when the Dockerfile keeps
 * the base image's entry point, else the Dockerfile's own ENTRYPOINT script; either way with the
 * handler (CMD, or the function's ImageConfig.Command) as the argument, in the environment Lambda
 * gives a function.
 *
 * <p>Each run gets its own temp directory and unpacked JNI library (the runtime client would
 * otherwise share one fixed file between parallel runs): as JVM flags for the bootstrap, through
 * {@code JAVA_TOOL_OPTIONS}, which every JVM reads, for an entry point the verifier does not write.
 *
 * @param command          what the host runs
 * @param environment      its environment
 * @param workingDirectory where it starts (the image's WORKDIR)
 * @param jvmOptions       what the verifier added: the bootstrap's flags, or JAVA_TOOL_OPTIONS
 */
public record FunctionLaunch(List<String> command, Map<String, String> environment, Path workingDirectory,
        List<String> jvmOptions) {

    /**
     * @param extraJvmOptions options for this run only, e.g. a class-loading log
     */
    public static FunctionLaunch of(StaticContract.LambdaImage image, JavaRuntime java, String runtimeApiAddress,
            Path runDirectory, List<String> extraJvmOptions) {
        return of(image, java, runtimeApiAddress, runDirectory, extraJvmOptions, false);
    }

    /**
     * The same image started by the base image's own bootstrap even where the Dockerfile has an
     * ENTRYPOINT, which is how the benchmark measures what the entry point saves.
     */
    public static FunctionLaunch baseImageBootstrap(StaticContract.LambdaImage image, JavaRuntime java,
            String runtimeApiAddress, Path runDirectory) {
        return of(image, java, runtimeApiAddress, runDirectory, List.of(), true);
    }

    private static FunctionLaunch of(StaticContract.LambdaImage image, JavaRuntime java, String runtimeApiAddress,
            Path runDirectory, List<String> extraJvmOptions, boolean ignoreEntrypoint) {
        Dockerfile dockerfile = image.dockerfile();
        ImageLayout layout = image.layout();
        Path tmp = runDirectory.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jniLibrary = RuntimeInterfaceClient.unpackJniLibrary(runDirectory.resolve("jni"));
        Map<String, String> environment = RuntimeInterfaceClient.environment(layout.environment(dockerfile, java),
                java, image.handler(), runtimeApiAddress, image.function(), layout);
        Path workingDirectory = layout.hostPath(dockerfile.workdir());
        if (dockerfile.entrypoint().isEmpty() || ignoreEntrypoint) {
            List<String> flags = new ArrayList<>(RuntimeInterfaceClient.jvmFlags(image.function().memoryMb(), jniLibrary, tmp));
            flags.addAll(extraJvmOptions);
            return new FunctionLaunch(RuntimeInterfaceClient.command(java, flags, image.handler()), environment,
                    workingDirectory, List.copyOf(flags));
        }
        List<String> options = new ArrayList<>(List.of(
                "-D" + RuntimeInterfaceClient.JNI_PROPERTY + "=" + jniLibrary, "-Djava.io.tmpdir=" + tmp));
        options.addAll(extraJvmOptions);
        // After the image's own JAVA_TOOL_OPTIONS, if it sets any.
        environment.merge("JAVA_TOOL_OPTIONS", String.join(" ", options), (fromImage, fromVerifier) -> fromImage + " " + fromVerifier);
        List<String> command = new ArrayList<>(layout.hostCommand(dockerfile.entrypoint()));
        command.add(image.handler()); // Lambda passes CMD, or ImageConfig.Command in its place, to the entry point
        return new FunctionLaunch(List.copyOf(command), environment, workingDirectory,
                List.of("JAVA_TOOL_OPTIONS=" + environment.get("JAVA_TOOL_OPTIONS")));
    }
}
