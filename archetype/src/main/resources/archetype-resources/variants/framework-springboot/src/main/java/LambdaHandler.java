package ${package};

import ${package}.web.ContainerErrors;
import ${package}.web.ProxiedRequests;
import ${package}.web.RequestIds;
import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.InitializationWrapper;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
## Payload 1.0 is the REST API's alone; HTTP API and function URL events are payload 2.0.
#if ($api == 'rest')
#set ($eventType = 'AwsProxyRequest')
#set ($eventPath = 'getPath')
#else
#set ($eventType = 'HttpApiV2ProxyRequest')
#set ($eventPath = 'getRawPath')
#end
import com.amazonaws.serverless.proxy.model.${eventType};
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.serverless.proxy.spring.SpringBootProxyHandlerBuilder;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.MDC;

/**
 * The Lambda entry point: turns each HTTP request event (from API Gateway or the function URL,
 * as template.yaml deploys it) into a servlet request for the Spring application, and its
 * response back into the answer Lambda returns. An event that is no such event, and every error,
 * is answered as problem JSON ({@link ContainerErrors}).
 */
public class LambdaHandler implements RequestStreamHandler {

    // Started once per container, in Lambda's init phase, and reused by every invocation.
    private static final SpringBootLambdaContainerHandler<${eventType}, AwsProxyResponse> HANDLER = startApplication();

    private static SpringBootLambdaContainerHandler<${eventType}, AwsProxyResponse> startApplication() {
        SpringBootLambdaContainerHandler<${eventType}, AwsProxyResponse> handler;
        try {
            // What SpringBootLambdaContainerHandler.get*ProxyHandler builds, with ContainerErrors in
            // place of the library's exception handler.
            handler = new SpringBootProxyHandlerBuilder<${eventType}>()
#if ($api == 'rest')
                    .defaultProxy()
#else
                    .defaultHttpApiV2Proxy()
#end
                    .initializationWrapper(new InitializationWrapper())
                    .exceptionHandler(new ContainerErrors())
                    .springBootApplication(Application.class)
                    .buildAndInitialize();
        } catch (ContainerInitializationException e) {
            throw new IllegalStateException("The Spring application could not start", e);
        }
        // CorrelationIdFilter writes the access line; the library's own is never shown (WARN), yet
        // it would be formatted, with regexes, at every request.
        handler.setLogFormatter(null);
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
