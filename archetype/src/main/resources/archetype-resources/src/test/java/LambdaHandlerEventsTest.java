package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import ${package}.web.RequestIds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;

/**
 * Every API Gateway event in events/ through the Lambda entry point, answered as
 * events/expected.json says. SQS batches (sqs-*.json, with the queue worker) have a test of their own.
 */
class LambdaHandlerEventsTest {

    private static final LambdaHandler HANDLER = new LambdaHandler();

    /** The API Gateway events; SQS batches are the queue worker's (OrderQueueWorkerEventsTest). */
    static Stream<String> eventFiles() throws IOException {
        return ExpectedOutcomes.eventFiles().stream().filter(name -> !ExpectedOutcomes.isSqsBatch(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void answersAsExpected(String eventFile) throws IOException {
        JsonNode response = invoke(eventFile, new LocalLambdaContext());

        assertThat(ExpectedOutcomes.mismatchesOf(eventFile, response)).as(eventFile + " answered " + response).isEmpty();
    }

    @Test
    void everyEventHasAnExpectationAndEveryExpectationAnEvent() throws IOException {
        List<String> expected = new ArrayList<>();
        ExpectedOutcomes.all().fieldNames().forEachRemaining(expected::add);
        assertThat(ExpectedOutcomes.eventFiles()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void logLinesCarryTheCorrelationIdRequestIdAndServiceName() throws IOException {
        var context = new LocalLambdaContext();
        var output = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        JsonNode response;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            response = invoke("get-hello-with-name.json", context);
        } finally {
            System.setOut(stdout);
        }

        String correlationId = ExpectedOutcomes.header(response, RequestIds.CORRELATION_ID_HEADER);
        List<JsonNode> requestLines = output.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{") && line.contains(context.getAwsRequestId()))
                .map(ExpectedOutcomes::parse)
                .toList();
        assertThat(requestLines).isNotEmpty().allSatisfy(line -> {
            assertThat(ExpectedOutcomes.logField(line, RequestIds.CORRELATION_ID_LOG_KEY)).isEqualTo(correlationId);
            assertThat(ExpectedOutcomes.logField(line, RequestIds.LAMBDA_REQUEST_ID_LOG_KEY)).isEqualTo(context.getAwsRequestId());
            assertThat(line.at("/service/name").asText()).as("service.name of " + line).isEqualTo("${artifactId}");
        });
    }

    private static JsonNode invoke(String eventFile, LocalLambdaContext context) throws IOException {
        byte[] event = Files.readAllBytes(ExpectedOutcomes.EVENTS.resolve(eventFile));
        var answer = new ByteArrayOutputStream();
        HANDLER.handleRequest(new ByteArrayInputStream(event), answer, context);
        return ExpectedOutcomes.parse(answer.toString(StandardCharsets.UTF_8));
    }
}
