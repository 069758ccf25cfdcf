package ${package};

#if ($worker == 'sqs')
import ${package}.worker.OrderQueueWorker;
#end
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.IOException;
#if ($worker == 'sqs')
import java.io.InputStream;
import java.io.OutputStream;
#end
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The image build's training run ({@code src/main/docker/entrypoint.sh --train}, a RUN step of the
 * Dockerfiles): the JVM writes the classes it loads into the image's class-data archive, which every
 * cold start then maps instead of loading them one by one. So it runs what Lambda runs: the runtime
 * interface client ({@link AWSLambda}, its Runtime API client, event loop and logging) with the
 * Dockerfiles' CMD handler, polling a Runtime API of its own ({@link TrainingRuntimeApi}, at
 * AWS_LAMBDA_RUNTIME_API) that hands it every sample event; then the JVM exits, which writes the
 * archive. Never runs in Lambda.
 */
public final class StartupTraining {

    /** The Dockerfiles' CMD: the API function's handler. */
    private static final String API_HANDLER = "${package}.LambdaHandler::handleRequest";
    /** Not an event: what the tests and the container contract expect the events to be answered with. */
    private static final String EXPECTATIONS = "expected.json";
    /** The exit status that tells entrypoint.sh the Runtime API's address is taken, to try another. */
    private static final int ADDRESS_IN_USE = 75;
    /** JVM start, the client and the handler's init, up to the client's first poll. */
    private static final Duration INIT_BOUND = Duration.ofMinutes(4);
    /** Each event, handed out to answered, and each answer to the next poll. */
    private static final Duration ANSWER_BOUND = Duration.ofMinutes(2);
    /** The whole training; the build fails past it whatever the training is waiting for. */
    private static final Duration TRAINING_BOUND = Duration.ofMinutes(8);

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: StartupTraining <directory of sample events>");
        }
        String address = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (address == null || address.isBlank()) {
            fail("AWS_LAMBDA_RUNTIME_API is not set: entrypoint.sh --train sets it to the training's own Runtime API");
        }
        List<Path> files = events(Path.of(args[0]));
#if ($worker == 'sqs')
        // SQS batches go to the queue worker, the rest to the API function, as on AWS.
        List<Path> apiEvents = files.stream().filter(file -> !isQueueBatch(file)).toList();
        List<Path> workerEvents = files.stream().filter(StartupTraining::isQueueBatch).toList();
#else
        List<Path> apiEvents = files;
#end
        TrainingRuntimeApi runtimeApi;
        try {
            runtimeApi = TrainingRuntimeApi.start(address, read(apiEvents), INIT_BOUND, ANSWER_BOUND);
        } catch (BindException e) {
            System.err.println("StartupTraining: the Runtime API address " + address + " is taken (" + e.getMessage() + ")");
            Runtime.getRuntime().halt(ADDRESS_IN_USE);
            return;
        }
        daemon("startup-training-bound", () -> {
            sleep(TRAINING_BOUND);
            fail("the training did not finish within " + TRAINING_BOUND.toMinutes() + " minutes");
        });
        daemon("startup-training", () -> {
            Optional<String> failure;
            try {
                failure = runtimeApi.awaitAnswers();
            } catch (InterruptedException e) {
                failure = Optional.of("interrupted");
            }
            if (failure.isPresent()) {
                halt(); // the Runtime API said why as it happened
            }
#if ($worker == 'sqs')
            trainQueueWorker(workerEvents);
#end
            // The client's loop never returns (it waits for the next event); the archive is written when the JVM exits.
            System.exit(0);
        });
        // As in Lambda, the client runs on the main thread; it polls until the JVM exits.
        try {
            AWSLambda.main(new String[] {API_HANDLER});
            fail("the runtime interface client's loop returned");
        } catch (Throwable e) {
            fail("the runtime interface client stopped: " + e);
        }
    }

#if ($worker == 'sqs')
    /**
     * The queue worker's own classes, through its handler directly: the client's classes and event
     * path are those the API function's pass archived (both are stream handlers), and the client runs
     * one handler per JVM, in a loop that never returns.
     */
    private static void trainQueueWorker(List<Path> events) {
        try {
            OrderQueueWorker worker = new OrderQueueWorker();
            for (Path file : events) {
                try (InputStream event = Files.newInputStream(file)) {
                    worker.handleRequest(event, OutputStream.nullOutputStream(), new LocalLambdaContext("startup-training"));
                }
            }
        } catch (Throwable e) {
            fail("the queue worker failed an event: " + e);
        }
    }

    private static boolean isQueueBatch(Path file) {
        return file.getFileName().toString().startsWith("sqs-");
    }

#end
    /**
     * Ends the training, and with it the image build, with {@code reason}: halted, not exited, so
     * that nothing (shutdown hooks, the client's threads) can keep it waiting.
     */
    private static void fail(String reason) {
        System.err.println("StartupTraining: " + reason);
        halt();
    }

    private static void halt() {
        System.err.println("StartupTraining: the training failed, so the image build fails");
        Runtime.getRuntime().halt(1);
    }

    private static List<TrainingRuntimeApi.Event> read(List<Path> files) throws IOException {
        List<TrainingRuntimeApi.Event> events = new ArrayList<>();
        for (Path file : files) {
            events.add(new TrainingRuntimeApi.Event(file.getFileName().toString(), Files.readAllBytes(file)));
        }
        return events;
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
