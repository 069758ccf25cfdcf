package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import ${package}.web.RequestIds;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Invocations overlapping as Lambda Managed Instances run them: 16 at once through the one
 * handler (template.yaml's PerExecutionEnvironmentMaxConcurrency), each with a name, a correlation
 * id and a request id of its own. Every answer, and every log line, must be its own invocation's.
 */
class OverlappingInvocationsTest {

    private static final LambdaHandler HANDLER = new LambdaHandler();
    private static final int AT_ONCE = 16;
    private static final int EACH = 50;

    @Test
    void everyAnswerAndEveryLogLineBelongToTheirOwnInvocation() throws Exception {
        String event = Files.readString(ExpectedOutcomes.EVENTS.resolve("get-hello-with-name.json"));
        List<String> wrongAnswers = Collections.synchronizedList(new ArrayList<>());
        var output = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try (ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> invokers = new ArrayList<>();
            for (int thread = 0; thread < AT_ONCE; thread++) {
                int invoker = thread;
                invokers.add(threads.submit(() -> {
                    start.await();
                    for (int n = 0; n < EACH; n++) {
                        String tag = invoker + "x" + n;
                        String answer = invoke(event.replace("Ada", "Ada" + tag)
                                .replace("test-correlation-id-1", "correlation-" + tag), "request-" + tag);
                        if (!answer.contains("hello, Ada" + tag + "!") || !answer.contains("\"correlation-" + tag + "\"")) {
                            wrongAnswers.add(tag + ": " + answer);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> invoked : invokers) {
                invoked.get();
            }
        } finally {
            System.setOut(stdout);
        }

        assertThat(wrongAnswers).as("answers carrying another invocation's name or correlation id").isEmpty();
        List<JsonNode> invocationLines = output.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{"))
                .map(ExpectedOutcomes::parse)
                .filter(line -> ExpectedOutcomes.logField(line, RequestIds.LAMBDA_REQUEST_ID_LOG_KEY).startsWith("request-"))
                .toList();
        assertThat(invocationLines).hasSizeGreaterThanOrEqualTo(AT_ONCE * EACH).allSatisfy(line -> {
            String tag = ExpectedOutcomes.logField(line, RequestIds.LAMBDA_REQUEST_ID_LOG_KEY).substring("request-".length());
            assertThat(ExpectedOutcomes.logField(line, RequestIds.CORRELATION_ID_LOG_KEY)).as("correlation id of " + line)
                    .isEqualTo("correlation-" + tag);
        });
    }

    private static String invoke(String event, String requestId) throws IOException {
        var answer = new ByteArrayOutputStream();
        HANDLER.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer,
                new LocalLambdaContext(requestId));
        return answer.toString(StandardCharsets.UTF_8);
    }
}
