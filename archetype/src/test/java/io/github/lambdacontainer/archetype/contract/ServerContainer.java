package io.github.lambdacontainer.archetype.contract;

import io.github.lambdacontainer.archetype.contract.dockerfile.Dockerfile;
import io.github.lambdacontainer.archetype.contract.image.ImageLayout;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A generated project's {@code Dockerfile.server} laid out and its CMD running on a free
 * {@code PORT} on loopback, as {@link ServerContainerRun} runs it, for checks that send it their
 * own HTTP requests (e.g. many at once).
 */
public final class ServerContainer implements AutoCloseable {

    private final GeneratedProject project;
    private final ChildProcess server;
    private final int port;

    private ServerContainer(GeneratedProject project, ChildProcess server, int port) {
        this.project = project;
        this.server = server;
        this.port = port;
    }

    /** Starts an already laid-out server image; closing it leaves the layout alone. */
    static ServerContainer start(GeneratedProject project, StaticContract.ServerImage image, Path logDirectory,
            Duration timeout) {
        Dockerfile dockerfile = image.dockerfile();
        ImageLayout layout = image.layout();
        JavaRuntime java = JavaRuntime.forVersion(project.javaVersion());
        int port = ServerContainerRun.freePort();
        ChildProcess server = ServerContainerRun.start(dockerfile, layout, java, port,
                logDirectory.toAbsolutePath().resolve(dockerfile.fileName() + ".log"));
        String problem = ServerContainerRun.awaitListening(server, port, timeout);
        if (problem != null) {
            server.awaitQuietOutput();
            String tail = server.outputTail();
            server.close();
            throw new AssertionError(dockerfile.fileName() + ": " + problem + "\n" + tail);
        }
        return new ServerContainer(project, server, port);
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

    /** Stops the server; the layout stays (it belongs to the image it was started from). */
    @Override
    public void close() {
        server.close();
    }
}
