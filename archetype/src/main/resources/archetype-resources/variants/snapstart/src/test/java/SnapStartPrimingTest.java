package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

#if ($database != 'none')
import ${package}.database.DatabaseProperties;
#end
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The requests SnapStart priming sends before the snapshot, through the real Lambda handler. */
class SnapStartPrimingTest {

    @Test
    void everyPrimingRequestIsAnsweredByTheLambdaHandler() throws IOException {
#if ($database != 'none')
        // GET /hello, POST /hello and, with the embedded database, GET / migrating it.
        int expected = DatabaseProperties.fromEnvironment().isEmbedded() ? 3 : 2;
        assertThat(new SnapStartPriming(new LambdaHandler()).prime()).isEqualTo(expected);
#else
        assertThat(new SnapStartPriming(new LambdaHandler()).prime()).isEqualTo(2);
#end
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
