package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.Archetype;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar lambda-container-service-<version>.jar [--port N] [--host H] [--archetype JAR]}:
 * serves the archetype this build made (the jar on the class path) until stopped. Without
 * {@code --port}, the port is the environment's {@code PORT} (as container platforms set it), else 8080.
 */
public final class GeneratorService {

    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_HOST = "127.0.0.1";
    static final String USAGE = "usage: java -jar lambda-container-service.jar [--port N (default: $PORT, else " + DEFAULT_PORT
            + ")] [--host H (default " + DEFAULT_HOST + "; 0.0.0.0 for every interface)] [--archetype JAR (default: the one beside this jar)]";

    /** The archetype jar's own metadata: how it is found on the class path. */
    private static final String ARCHETYPE_MARKER = "META-INF/maven/archetype-metadata.xml";

    private GeneratorService() {}

    public static void main(String[] args) throws Exception {
        String portVariable = System.getenv("PORT");
        int port = portVariable == null || portVariable.isBlank() ? DEFAULT_PORT : parsePort("PORT", portVariable);
        String host = DEFAULT_HOST;
        Path archetypeJar = null;
        List<String> arguments = List.of(args);
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--help") || argument.equals("-h")) {
                System.out.println(USAGE);
                return;
            }
            if (i + 1 >= arguments.size() || !List.of("--port", "--host", "--archetype").contains(argument)) {
                System.err.println("Unknown or incomplete argument '" + argument + "'. " + USAGE);
                System.exit(2);
            }
            String value = arguments.get(++i);
            switch (argument) {
                case "--port" -> port = parsePort("--port", value);
                case "--host" -> host = value;
                default -> archetypeJar = Path.of(value);
            }
        }
        try (Archetype archetype = Archetype.open(archetypeJar != null ? archetypeJar : archetypeOnClassPath());
             GeneratorServer server = new GeneratorServer(archetype, host, port, ServiceLimits.DEFAULTS).start()) {
            System.out.println("lambda-container-service: " + archetype.coordinates().artifactId() + " "
                    + archetype.coordinates().version() + " on http://" + server.address().getHostString() + ":"
                    + server.address().getPort() + "/");
            server.join();
        }
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        System.err.println("Invalid " + name + " '" + value + "': a number from 0 to 65535. " + USAGE);
        System.exit(2);
        return -1;
    }

    /** The archetype jar the service was built with: on its class path (lib/ beside the service's jar). */
    static Path archetypeOnClassPath() throws IOException {
        URL marker = GeneratorService.class.getClassLoader().getResource(ARCHETYPE_MARKER);
        if (marker == null || !"jar".equals(marker.getProtocol())) {
            throw new IOException("No archetype jar on the class path (" + ARCHETYPE_MARKER + " not found in a jar); pass --archetype JAR");
        }
        String jar = marker.getPath().substring(0, marker.getPath().indexOf("!/"));
        try {
            Path path = Path.of(new URL(jar).toURI());
            if (!Files.isRegularFile(path)) {
                throw new IOException("The archetype jar " + path + " is not a file; pass --archetype JAR");
            }
            return path;
        } catch (URISyntaxException e) {
            throw new IOException("Cannot read the archetype jar's location " + jar, e);
        }
    }
}
