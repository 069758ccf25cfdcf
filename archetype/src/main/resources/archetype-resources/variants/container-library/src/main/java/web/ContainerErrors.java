package ${package}.web;

import com.amazonaws.serverless.exceptions.InvalidRequestEventException;
import com.amazonaws.serverless.proxy.ExceptionHandler;
import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every error the function answers is an RFC 9457 problem ({@code application/problem+json}),
 * the health check's {@code DOWN} aside, also those the application never sees:
 * <ul>
 *   <li>an event that is no API Gateway event ({@link ApiGatewayEventReader}): 400, the caller's fault;</li>
 *   <li>a failure inside the container library (it calls this as its {@link ExceptionHandler}):
 *       500, in place of its own {@code {"message":"Gateway timeout"}}, which is neither true nor
 *       problem JSON, and of its printStackTrace, which would break the JSON log lines;</li>
 *   <li>an error the framework answered with an empty or plain-text body, such as a 406 for an
 *       Accept header it cannot meet, a CORS refusal or a servlet {@code sendError}: the same
 *       status, as a problem.</li>
 * </ul>
 */
public final class ContainerErrors implements ExceptionHandler<AwsProxyResponse> {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrors.class);
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(409, "Conflict"), Map.entry(411, "Length Required"), Map.entry(413, "Content Too Large"),
            Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(503, "Service Unavailable"));

    /** The answer to an event {@link ApiGatewayEventReader} refused, with a new correlation id, logged. */
    public static AwsProxyResponse malformedEvent(ApiGatewayEventReader.MalformedEventException malformed) {
        String correlationId = RequestIds.correlationId(null);
        MDC.put(RequestIds.CORRELATION_ID_LOG_KEY, correlationId);
        try {
            log.warn("Malformed event -> 400: {}", malformed.getMessage());
            AwsProxyResponse response = problem(400, malformed.getMessage());
            response.getMultiValueHeaders().putSingle(RequestIds.CORRELATION_ID_HEADER, correlationId);
            return response;
        } finally {
            MDC.remove(RequestIds.CORRELATION_ID_LOG_KEY);
        }
    }

    /**
     * {@code response} itself when it is a success or the application's own JSON (a problem, or
     * the health check's {@code DOWN}), else the same status and headers with a problem body in
     * place of the framework's empty or plain-text one ({@code path} its instance).
     */
    public static AwsProxyResponse asProblem(AwsProxyResponse response, String path) {
        boolean applicationJson = contentType(response).contains("json") && response.getBody() != null
                && !response.getBody().isEmpty();
        if (response.getStatusCode() < 400 || applicationJson) {
            return response;
        }
        Map<String, Object> problem = problemBody(response.getStatusCode(), null);
        problem.put("instance", path);
        response.setBody(json(problem));
        response.setBase64Encoded(false);
        if (response.getHeaders() != null) {
            response.getHeaders().keySet().removeIf("Content-Type"::equalsIgnoreCase);
            response.getHeaders().put("Content-Type", PROBLEM_JSON);
        }
        if (response.getMultiValueHeaders() != null || response.getHeaders() == null) {
            if (response.getMultiValueHeaders() == null) {
                response.setMultiValueHeaders(new Headers());
            }
            response.getMultiValueHeaders().putSingle("Content-Type", PROBLEM_JSON);
        }
        return response;
    }

    @Override
    public AwsProxyResponse handle(Throwable failure) {
        if (failure instanceof InvalidRequestEventException) {
            log.warn("Malformed event -> 400: {}", failure.getMessage());
            return problem(400, "The request event is no API Gateway or function URL event.");
        }
        log.error("Unexpected failure in the container library", failure);
        return problem(500, "An unexpected error occurred.");
    }

    @Override
    public void handle(Throwable failure, OutputStream stream) throws IOException {
        LambdaContainerHandler.getObjectMapper().writeValue(stream, handle(failure));
    }

    private static AwsProxyResponse problem(int status, String detail) {
        Headers headers = new Headers();
        headers.putSingle("Content-Type", PROBLEM_JSON);
        return new AwsProxyResponse(status, headers, json(problemBody(status, detail)));
    }

    private static Map<String, Object> problemBody(int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", TITLES.getOrDefault(status, status < 500 ? "Client Error" : "Server Error"));
        problem.put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        return problem;
    }

    private static String contentType(AwsProxyResponse response) {
        if (response.getMultiValueHeaders() != null && response.getMultiValueHeaders().getFirst("Content-Type") != null) {
            return response.getMultiValueHeaders().getFirst("Content-Type");
        }
        if (response.getHeaders() != null) {
            return response.getHeaders().entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
        }
        return "";
    }

    private static String json(Map<String, Object> problem) {
        try {
            return LambdaContainerHandler.getObjectMapper().writeValueAsString(problem);
        } catch (Exception e) { // the library's Jackson, 2 or 3 by library version
            throw new IllegalStateException("a map of texts and numbers is always JSON", e);
        }
    }
}
