package ${package}.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ends a request with an error status, answered as an RFC 9457 problem
 * ({@code application/problem+json}): {@code {"type","title","status","detail","instance", ...}}.
 */
public class HttpException extends RuntimeException {

    private static final Map<Integer, String> TITLES = Map.of(
            400, "Bad Request", 404, "Not Found", 405, "Method Not Allowed",
            500, "Internal Server Error", 503, "Service Unavailable");

    private final int status;
    private final Map<String, Object> properties;
    private final Map<String, String> headers;

    public HttpException(int status, String detail) {
        this(status, detail, Map.of(), Map.of());
    }

    public HttpException(int status, String detail, Map<String, Object> properties, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.properties = properties;
        this.headers = headers;
    }

    /** 400 with the invalid fields and what is wrong with each. */
    public static HttpException invalid(Map<String, String> errors) {
        return new HttpException(400, "The request body is not valid.", Map.of("errors", errors), Map.of());
    }

    /** @param instance the request's path, or null for an event that carries no request */
    public HttpResponse toResponse(String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", TITLES.getOrDefault(status, "Error"));
        problem.put("status", status);
        problem.put("detail", getMessage());
        if (instance != null) {
            problem.put("instance", instance);
        }
        problem.putAll(properties);
        Map<String, String> responseHeaders = new LinkedHashMap<>(headers);
        responseHeaders.put("Content-Type", "application/problem+json");
        return new HttpResponse(status, responseHeaders, Json.write(problem));
    }
}
