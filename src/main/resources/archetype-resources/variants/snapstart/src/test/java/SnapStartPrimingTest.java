package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The requests SnapStart priming sends before the snapshot, through the real Lambda handler. */
class SnapStartPrimingTest {

    @Test
    void everyPrimingRequestIsAnsweredByTheLambdaHandler() throws IOException {
        assertThat(new SnapStartPriming(new LambdaHandler()).prime()).isEqualTo(2);
    }

    @Test
    void primingFailsNamingTheRequestWhenTheHandlerDoesNotAnswerIt() {
        RequestStreamHandler failing = (input, output, context) ->
                output.write("{\"statusCode\":500,\"body\":\"boom\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new SnapStartPriming(failing).prime())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/hello")
                .hasMessageContaining("was not answered with 200 but with {\"statusCode\":500");
    }
}
