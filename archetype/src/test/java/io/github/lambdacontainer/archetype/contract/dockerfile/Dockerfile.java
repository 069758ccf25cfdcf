package io.github.lambdacontainer.archetype.contract.dockerfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a single-stage Dockerfile asks for, with ARG/ENV already expanded: the image it starts
 * from, the environment it ends with, the files it copies, the build steps it runs after them
 * and the command it starts.
 *
 * @param file         the Dockerfile
 * @param baseImage    the FROM image, e.g. {@code public.ecr.aws/lambda/java:25}
 * @param platform     the FROM {@code --platform} value, empty when not given
 * @param env          the image environment: the base image's own ENV followed by this file's ENV
 * @param workdir      the working directory the command starts in (absolute container path)
 * @param copies       the COPY instructions in order
 * @param runs         the RUN instructions in order (exec form only; all come after every COPY)
 * @param entrypoint   the ENTRYPOINT in exec form, empty when the base image's is kept
 * @param entrypointLine the line ENTRYPOINT is on, 0 when there is none
 * @param cmd          the CMD: exec form as given, shell form as {@code /bin/sh -c <text>}
 * @param cmdShellForm whether CMD was written in shell form
 * @param cmdLine      the line CMD is on, 0 when there is none
 * @param exposedPorts the EXPOSEd port numbers
 */
public record Dockerfile(
        Path file,
        String baseImage,
        String platform,
        Map<String, String> env,
        String workdir,
        List<Copy> copies,
        List<Run> runs,
        List<String> entrypoint,
        int entrypointLine,
        List<String> cmd,
        boolean cmdShellForm,
        int cmdLine,
        Set<Integer> exposedPorts) {

    /**
     * One {@code COPY src... dest}; {@code destination} is absolute (resolved against WORKDIR), and
     * {@code destinationIsDirectory} records a trailing slash, which changes how a file is copied.
     */
    public record Copy(int line, List<String> sources, String destination, boolean destinationIsDirectory) {}

    /** One {@code RUN ["program", "arg", ...]}. */
    public record Run(int line, List<String> command) {}

    public String fileName() {
        return file.getFileName().toString();
    }

    /** The image tag after the last colon of the repository part, e.g. {@code 25} or {@code 25-jre}. */
    public Optional<String> baseImageTag() {
        int slash = baseImage.lastIndexOf('/');
        int colon = baseImage.lastIndexOf(':');
        return colon > slash ? Optional.of(baseImage.substring(colon + 1)) : Optional.empty();
    }

    public String where(int line) {
        return fileName() + ":" + line;
    }
}
