package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image as built, smoke-tested: every event in events/ sent to the function running in it
 * behind the runtime interface emulator, each answer judged as the handler's tests judge theirs
 * ({@link ExpectedOutcomes#mismatchesOf}). scripts/smoke-test.sh starts the image and runs this;
 * it is no part of {@code ./mvnw verify} (its name matches no test pattern) and fails without an
 * endpoint:
 * <ul>
 *   <li>{@code -Dsmoke.url=<the emulator's invocations URL>}: the API Gateway events;</li>
 *   <li>{@code -Dsmoke.workerUrl=<the same, of the image started with the queue worker's handler>}:
 *       the SQS batches (sqs-*.json);</li>
 *   <li>{@code -Dsmoke.answerSeconds} (60): how long each answer may take, the first one's cold start included.</li>
 * </ul>
 */
class ImageSmokeCheck {

    private static final String API_URL = System.getProperty("smoke.url", "");
    private static final String WORKER_URL = System.getProperty("smoke.workerUrl", "");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(Long.getLong("smoke.answerSeconds", 60));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The events one of the given endpoints answers: API Gateway events to smoke.url, SQS batches to smoke.workerUrl. */
    static Stream<String> eventFiles() throws IOException {
        if (API_URL.isBlank() && WORKER_URL.isBlank()) {
            throw new IllegalStateException("no endpoint to smoke-test: give -Dsmoke.url (API Gateway events) or "
                    + "-Dsmoke.workerUrl (SQS batches), the emulator's invocations URL; scripts/smoke-test.sh does");
        }
        return ExpectedOutcomes.eventFiles().stream().filter(eventFile -> !endpoint(eventFile).isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void answersAsExpected(String eventFile) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint(eventFile)))
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(ExpectedOutcomes.EVENTS.resolve(eventFile)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(eventFile + ": the emulator answered " + response.body()).isEqualTo(200);
        JsonNode answer = ExpectedOutcomes.parse(response.body());
        // The emulator hands back the function's error document where the function failed instead of answering.
        assertThat(answer.has("errorType") && !answer.has("statusCode") && !answer.has("batchItemFailures"))
                .as(eventFile + ": the function failed: " + response.body()).isFalse();
        assertThat(ExpectedOutcomes.mismatchesOf(eventFile, answer)).as(eventFile + " answered " + response.body()).isEmpty();
    }

    private static String endpoint(String eventFile) {
        return ExpectedOutcomes.isSqsBatch(eventFile) ? WORKER_URL : API_URL;
    }
}
