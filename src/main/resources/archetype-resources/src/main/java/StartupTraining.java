package ${package};

#if ($worker == 'sqs')
import ${package}.worker.OrderQueueWorker;
#end
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The image build's training run ({@code src/main/docker/entrypoint.sh --train}, a RUN step of the
 * Dockerfiles): sends every sample event through the handler Lambda would give it, so the JVM
 * writes the classes real invocations load into the image's class-data archive, which every cold
 * start then maps instead of loading them one by one. Never runs in Lambda.
 */
public final class StartupTraining {

    /** Not an event: what the tests and the container contract expect the events to be answered with. */
    private static final String EXPECTATIONS = "expected.json";

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: StartupTraining <directory of sample events>");
        }
        LambdaHandler api = new LambdaHandler();
#if ($worker == 'sqs')
        OrderQueueWorker worker = new OrderQueueWorker();
#end
        for (Path file : events(Path.of(args[0]))) {
            try (InputStream event = Files.newInputStream(file)) {
#if ($worker == 'sqs')
                if (file.getFileName().toString().startsWith("sqs-")) {
                    worker.handleRequest(event, OutputStream.nullOutputStream(), new LocalLambdaContext("startup-training"));
                    continue;
                }
#end
                api.handleRequest(event, OutputStream.nullOutputStream(), new LocalLambdaContext("startup-training"));
            }
        }
        // Some libraries leave non-daemon threads behind; the archive is written when the JVM exits.
        System.exit(0);
    }

    private static List<Path> events(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> events = files
                    .filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(file -> !file.getFileName().toString().equals(EXPECTATIONS))
                    .sorted()
                    .toList();
            if (events.isEmpty()) {
                throw new IllegalStateException("no sample events (*.json) in " + directory);
            }
            return events;
        }
    }
}
