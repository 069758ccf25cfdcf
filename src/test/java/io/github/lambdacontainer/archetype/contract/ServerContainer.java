package io.github.lambdacontainer.archetype.contract;

import io.github.lambdacontainer.archetype.contract.dockerfile.Dockerfile;
import io.github.lambdacontainer.archetype.contract.image.ImageLayout;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A generated project's {@code Dockerfile.server} laid out and its CMD running on a free
 * {@code PORT} on loopback, as {@link ServerContainerRun} runs it, for checks that send it their
 * own HTTP requests (e.g. many at once).
 */
public final class ServerContainer implements AutoCloseable {

    private final GeneratedProject project;
    private final ChildProcess server;
    private final Path workDirectory;
    private final int port;

    private ServerContainer(GeneratedProject project, ChildProcess server, Path workDirectory, int port) {
        this.project = project;
        this.server = server;
        this.workDirectory = workDirectory;
        this.port = port;
    }

    /** Lays out the project's server image and starts it, waiting up to {@code timeout} for it to listen. */
    public static ServerContainer start(Path generatedProjectDirectory, Path logDirectory, Duration timeout) {
        GeneratedProject project = GeneratedProject.load(generatedProjectDirectory.toAbsolutePath().normalize());
        Path workDirectory = LambdaSandbox.createWorkDirectory("server-container");
        StaticContract.ServerImage image = StaticContract.check(project, workDirectory).serverImage();
        if (image == null) {
            throw new AssertionError(generatedProjectDirectory + " has no Dockerfile.server");
        }
        ServerContainer server = start(project, image, logDirectory, timeout);
        return new ServerContainer(project, server.server, workDirectory, server.port);
    }

    /** Starts an already laid-out server image; closing it leaves the layout alone. */
    static ServerContainer start(GeneratedProject project, StaticContract.ServerImage image, Path logDirectory,
            Duration timeout) {
        Dockerfile dockerfile = image.dockerfile();
        ImageLayout layout = image.layout();
        JavaRuntime java = JavaRuntime.forVersion(project.javaVersion());
        int port = ServerContainerRun.freePort();
        List<String> command = ServerContainerRun.hostCommand(dockerfile, layout, java);
        Map<String, String> environment = new LinkedHashMap<>();
        dockerfile.env().forEach((name, value) -> environment.put(name, layout.toHostPaths(value)));
        environment.put("PATH", java.home().resolve("bin") + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        environment.put("JAVA_HOME", java.home().toString());
        environment.put("PORT", Integer.toString(port));
        ChildProcess server = ChildProcess.start(command, environment, layout.hostPath(dockerfile.workdir()),
                logDirectory.toAbsolutePath().resolve(dockerfile.fileName() + ".log"));
        String problem = ServerContainerRun.awaitListening(server, port, timeout);
        if (problem != null) {
            server.awaitQuietOutput();
            String tail = server.outputTail();
            server.close();
            throw new AssertionError(dockerfile.fileName() + ": " + problem + "\n" + tail);
        }
        return new ServerContainer(project, server, null, port);
    }

    public GeneratedProject project() {
        return project;
    }

    /** {@code http://127.0.0.1:<PORT>}. */
    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return server.isAlive();
    }

    /** The server JVM's peak resident set size in KB (VmHWM); -1 where unavailable. */
    public long peakRssKb() {
        return server.jvmStatus("VmHWM").orElse(-1);
    }

    /** The last lines the server printed, for failure messages. */
    public String outputTail() {
        server.awaitQuietOutput();
        return server.outputTail();
    }

    @Override
    public void close() {
        server.close();
        if (workDirectory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a check for
        }
    }
}
