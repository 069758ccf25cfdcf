package ${package}.web;

import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * One invocation through the container library: the event read and checked
 * ({@link ApiGatewayEventReader}), handed to the framework, and its answer written back, an
 * error as a problem ({@link ContainerErrors}).
 */
public final class ProxiedRequests {

    private ProxiedRequests() {}

    /** @param path the event's request path, the instance of a problem the framework's error becomes */
    public static <T> void handle(LambdaContainerHandler<T, AwsProxyResponse, ?, ?> handler, Class<T> eventType,
            Function<T, String> path, InputStream input, OutputStream output, Context context) throws IOException {
        AwsProxyResponse response;
        try {
            T event = ApiGatewayEventReader.read(input, eventType);
            response = ContainerErrors.asProblem(handler.proxy(event, context), path.apply(event));
        } catch (ApiGatewayEventReader.MalformedEventException malformed) {
            response = ContainerErrors.malformedEvent(malformed);
        }
        LambdaContainerHandler.getObjectMapper().writeValue(output, response);
    }
}
