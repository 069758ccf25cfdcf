package ${package};

import ${package}.web.ContainerErrors;
import ${package}.web.ProxiedRequests;
import ${package}.web.RequestIds;
## Payload 1.0 is the REST API's alone; HTTP API and function URL events are payload 2.0.
#if ($api == 'rest')
#set ($eventType = 'AwsProxyRequest')
#set ($eventPath = 'getPath')
import com.amazonaws.serverless.proxy.AwsProxySecurityContextWriter;
#else
#set ($eventType = 'HttpApiV2ProxyRequest')
#set ($eventPath = 'getRawPath')
import com.amazonaws.serverless.proxy.AwsHttpApiV2SecurityContextWriter;
#end
import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
#if ($api == 'rest')
import com.amazonaws.serverless.proxy.internal.servlet.AwsProxyHttpServletRequestReader;
#else
import com.amazonaws.serverless.proxy.internal.servlet.AwsHttpApiV2HttpServletRequestReader;
#end
import com.amazonaws.serverless.proxy.internal.servlet.AwsProxyHttpServletResponseWriter;
import com.amazonaws.serverless.proxy.jersey.JerseyLambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.${eventType};
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.MDC;

/**
 * The Lambda entry point: turns each HTTP request event (from API Gateway or the function URL,
 * as template.yaml deploys it) into a request for the Jersey application, and its
 * response back into the answer Lambda returns. An event that is no such event, and every error,
 * is answered as problem JSON ({@link ContainerErrors}).
 */
public class LambdaHandler implements RequestStreamHandler {

    // Started once per container, in Lambda's init phase, and reused by every invocation.
    private static final JerseyLambdaContainerHandler<${eventType}, AwsProxyResponse> HANDLER = startApplication();

    private static JerseyLambdaContainerHandler<${eventType}, AwsProxyResponse> startApplication() {
        // A request body whose Content-Type names no charset is UTF-8 (JSON's encoding), not the
        // container's default ISO-8859-1, which would turn non-Latin-1 characters into '?'.
        LambdaContainerHandler.getContainerConfig().setDefaultContentCharset(StandardCharsets.UTF_8.name());
        // The library's own readers and writers (what getAwsProxyHandler and getHttpApiV2ProxyHandler
        // use), with ContainerErrors in place of its exception handler.
        var handler = new JerseyLambdaContainerHandler<>(${eventType}.class, AwsProxyResponse.class,
#if ($api == 'rest')
                new AwsProxyHttpServletRequestReader(), new AwsProxyHttpServletResponseWriter(),
                new AwsProxySecurityContextWriter(),
#else
                new AwsHttpApiV2HttpServletRequestReader(), new AwsProxyHttpServletResponseWriter(true),
                new AwsHttpApiV2SecurityContextWriter(),
#end
                new ContainerErrors(), new Application());
        // CorrelationIdFilter writes the access line; the library's own is never shown (WARN), yet
        // it would be formatted, with regexes, at every request.
        handler.setLogFormatter(null);
        handler.initialize();
        return handler;
    }
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
            ProxiedRequests.handle(HANDLER, ${eventType}.class, ${eventType}::${eventPath}, input, output, context);
        } finally {
            // The runtime client's threads serve invocation after invocation (on managed instances
            // several at once, one per thread): each leaves its thread's MDC empty, the correlation
            // id included, whatever a filter or an exception skipped.
            MDC.clear();
        }
    }
}
