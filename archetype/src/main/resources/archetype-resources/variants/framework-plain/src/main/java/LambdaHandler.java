package ${package};

import ${package}.http.ApiGatewayEvents;
import ${package}.http.HttpException;
import ${package}.http.HttpResponse;
import ${package}.http.Json;
import ${package}.web.RequestIds;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.MDC;

/**
 * The Lambda entry point: reads the HTTP request event (API Gateway's payload 1.0 or 2.0, or a
 * function URL's, which is 2.0), lets the {@link Api} answer it, and writes the response in the
 * event's payload format.
 */
public class LambdaHandler implements RequestStreamHandler {

    // Built once per container, in Lambda's init phase, and reused by every invocation.
    private static final Api API = Api.fromEnvironment();
#if ($snapStart == 'true')

    /** What Lambda calls once per execution environment; with SnapStart, primes it before the snapshot. */
    public LambdaHandler() {
        SnapStartPriming.register(this);
    }
#end

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        MDC.put(RequestIds.LAMBDA_REQUEST_ID_LOG_KEY, context.getAwsRequestId());
        try {
            JsonNode event = null;
            HttpResponse response;
            try {
                event = ApiGatewayEvents.read(input);
                response = API.handle(ApiGatewayEvents.toRequest(event));
            } catch (HttpException malformedEvent) {
                response = API.reject(malformedEvent);
            }
            // An event too broken to tell its payload version gets 1.0's shape, which 2.0 accepts too.
            boolean payloadV2 = event != null && ApiGatewayEvents.isPayloadV2(event);
            Json.MAPPER.writeValue(output, ApiGatewayEvents.toResponseEvent(response, payloadV2));
        } finally {
            // The runtime client's threads serve invocation after invocation (on managed instances
            // several at once, one per thread): each leaves its thread's MDC empty, the correlation
            // id included, whatever a filter or an exception skipped.
            MDC.clear();
        }
    }
}
