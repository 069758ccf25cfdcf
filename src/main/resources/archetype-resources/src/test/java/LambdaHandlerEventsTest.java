package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import ${package}.web.CorrelationIdFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** Every event in events/ through the Lambda entry point, answered as events/expected.json says. */
@ExtendWith(OutputCaptureExtension.class)
class LambdaHandlerEventsTest {

    private static final LambdaHandler HANDLER = new LambdaHandler();

    static Stream<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(ExpectedOutcomes.EVENTS)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.equals("expected.json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void answersAsExpected(String eventFile) throws IOException {
        JsonNode expected = ExpectedOutcomes.all().get(eventFile);
        assertThat(expected).as("events/expected.json has no entry for " + eventFile).isNotNull();

        JsonNode response = invoke(eventFile, new TestLambdaContext());

        assertThat(ExpectedOutcomes.mismatches(expected, response)).as(eventFile + " answered " + response).isEmpty();
        assertThat(ExpectedOutcomes.header(response, CorrelationIdFilter.HEADER)).as("correlation id").isNotBlank();
    }

    @Test
    void everyExpectationNamesAnEventFile() throws IOException {
        List<String> events = eventFiles().toList();
        assertThat(ExpectedOutcomes.all().propertyNames()).allSatisfy(name -> assertThat(events).contains(name));
    }

    @Test
    void logLinesCarryTheCorrelationIdAndRequestId(CapturedOutput output) throws IOException {
        var context = new TestLambdaContext();

        JsonNode response = invoke("get-hello-with-name.json", context);

        String correlationId = ExpectedOutcomes.header(response, CorrelationIdFilter.HEADER);
        List<JsonNode> requestLines = output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains(context.getAwsRequestId()))
                .map(ExpectedOutcomes::parse)
                .toList();
        assertThat(requestLines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path(CorrelationIdFilter.LOG_KEY).asString()).isEqualTo(correlationId);
            assertThat(line.path(LambdaHandler.REQUEST_ID_LOG_KEY).asString()).isEqualTo(context.getAwsRequestId());
        });
    }

    private static JsonNode invoke(String eventFile, TestLambdaContext context) throws IOException {
        byte[] event = Files.readAllBytes(ExpectedOutcomes.EVENTS.resolve(eventFile));
        var answer = new ByteArrayOutputStream();
        HANDLER.handleRequest(new ByteArrayInputStream(event), answer, context);
        return ExpectedOutcomes.parse(answer.toString(StandardCharsets.UTF_8));
    }
}
