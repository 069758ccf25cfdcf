package io.github.lambdacontainer.archetype.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.dockerfile.Dockerfile;
import io.github.lambdacontainer.archetype.contract.expectation.ApiGatewayHttpRequests;
import io.github.lambdacontainer.archetype.contract.image.ImageLayout;
import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.runtime.ChildProcess;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.LambdaSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code Dockerfile.server}'s CMD in its laid-out image with {@code PORT} set to a free port,
 * and sends every API Gateway event to it as the HTTP request it stands for.
 */
final class ServerContainerRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerContainerRun() {}

    /** Starts the server image as Docker runs a container: as root, in the sandbox's view of the image where it can. */
    static ChildProcess start(Dockerfile dockerfile, ImageLayout layout, JavaRuntime java, int port, Path log) {
        LambdaSandbox.ImageProcess server = LambdaSandbox.asRoot(new LambdaSandbox.ImageProcess(
                hostCommand(dockerfile, layout, java), environment(dockerfile, layout, java, port),
                layout.hostPath(dockerfile.workdir()), layout.workDirectory()));
        return ChildProcess.start(server.command(), server.environment(), server.workingDirectory(), log);
    }

    static ContractReport.DockerfileRun run(GeneratedProject project, StaticContract.ServerImage image,
            ContainerContract.Options options, Path logDirectory) {
        Dockerfile dockerfile = image.dockerfile();
        ImageLayout layout = image.layout();
        JavaRuntime java = JavaRuntime.forVersion(project.javaVersion());
        int port = freePort();
        String description = dockerfile.fileName() + " (" + String.join(" ", hostCommand(dockerfile, layout, java))
                + ", PORT=" + port + ")";
        long started = System.nanoTime();

        List<String> failures = new ArrayList<>();
        long msToFirstAnswer = -1;
        long peakRssKb;
        int eventsChecked = 0;
        try (ChildProcess server = start(dockerfile, layout, java, port, logDirectory.resolve(dockerfile.fileName() + ".log"));
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build()) {
            String listening = awaitListening(server, port, options.coldAnswerTimeout());
            if (listening != null) {
                failures.add(listening);
            } else {
                boolean first = true;
                for (String eventName : project.events().keySet()) {
                    if (!project.expectations().get(eventName).isHttpRequest()) {
                        continue;
                    }
                    JsonNode event = readJson(project.eventBytes(eventName));
                    Duration timeout = first ? options.coldAnswerTimeout() : options.warmAnswerTimeout();
                    HttpRequest request = ApiGatewayHttpRequests.toRequest(event, "http://127.0.0.1:" + port, timeout);
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (first) {
                            msToFirstAnswer = Duration.ofNanos(System.nanoTime() - server.launchNanos()).toMillis();
                        }
                        JsonNode answer = ApiGatewayHttpRequests.toAnswer(response);
                        List<String> mismatches = project.expectations().get(eventName).mismatches(answer);
                        if (mismatches.isEmpty()) {
                            eventsChecked++;
                        } else {
                            failures.add("event " + eventName + " as " + request.method() + " " + request.uri() + ": "
                                    + String.join("; ", mismatches) + "\n      expected "
                                    + project.expectations().get(eventName).asWritten() + "\n      got      " + answer);
                        }
                    } catch (IOException e) {
                        failures.add("event " + eventName + " as " + request.method() + " " + request.uri()
                                + ": no HTTP answer (" + e + ")");
                        break;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failures.add("interrupted while sending " + eventName);
                        break;
                    }
                    first = false;
                }
            }
            peakRssKb = server.peakRssKb().orElse(-1);
            if (!failures.isEmpty()) {
                server.awaitQuietOutput();
                server.close();
                throw new AssertionError(description + " did not answer its events as expected:\n  - "
                        + String.join("\n  - ", failures) + "\n" + server.outputTail());
            }
        }
        return new ContractReport.DockerfileRun(dockerfile.fileName(), "server", String.join(" ", dockerfile.cmd()),
                java.javaExecutable().toString(), java.version(), java.architecture(), List.of(), 0,
                "none: a server container", "", msToFirstAnswer, peakRssKb, eventsChecked, -1, -1, -1, -1, 0, 0,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** The server container's environment: its ENV on the host, the JDK as its java, PORT. */
    static Map<String, String> environment(Dockerfile dockerfile, ImageLayout layout, JavaRuntime java, int port) {
        Map<String, String> environment = new LinkedHashMap<>();
        dockerfile.env().forEach((name, value) -> environment.put(name, layout.toHostPaths(value)));
        environment.put("PATH", java.home().resolve("bin") + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        environment.put("JAVA_HOME", java.home().toString());
        environment.put("PORT", Integer.toString(port));
        return environment;
    }

    /**
     * The CMD with container paths moved to the layout and {@code java} (bare or the image's JDK
     * path) replaced by the JDK standing in for the image's.
     */
    static List<String> hostCommand(Dockerfile dockerfile, ImageLayout layout, JavaRuntime java) {
        List<String> command = new ArrayList<>();
        for (String word : dockerfile.cmd()) {
            if (command.isEmpty() && !dockerfile.cmdShellForm() && (word.equals("java") || word.endsWith("/bin/java"))) {
                command.add(java.javaExecutable().toString());
            } else {
                command.add(layout.toHostPaths(word));
            }
        }
        return command;
    }

    /** Null once the port accepts connections, otherwise why it never did. */
    static String awaitListening(ChildProcess server, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                return "the server exited with " + server.process().exitValue() + " before listening on PORT=" + port;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return null;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted while waiting for the server";
                }
            }
        }
        return "the server did not listen on PORT=" + port + " within " + timeout.toSeconds() + " s; it was killed";
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError("an event file is not valid JSON: " + e.getMessage(), e);
        }
    }
}
