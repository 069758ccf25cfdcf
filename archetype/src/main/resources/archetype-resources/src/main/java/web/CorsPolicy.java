package ${package}.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which browser origins may call the API: {@code CORS_ALLOWED_ORIGINS}, comma-separated,
 * {@code *} (the default) for any. The correlation id header is exposed to them.
 */
public record CorsPolicy(List<String> allowedOrigins) {

    public static final List<String> ALLOWED_METHODS = List.of("GET", "POST", "PUT", "DELETE", "OPTIONS");
    public static final long PREFLIGHT_MAX_AGE_SECONDS = 600;

    public static CorsPolicy fromEnvironment() {
        return parse(System.getenv("CORS_ALLOWED_ORIGINS"));
    }

    static CorsPolicy parse(String origins) {
        if (origins == null || origins.isBlank()) {
            return new CorsPolicy(List.of("*"));
        }
        return new CorsPolicy(Arrays.stream(origins.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList());
    }

    /**
     * The CORS headers for an answer to a request from {@code origin} (none when it is not
     * allowed or not a browser's cross-origin request); a preflight also gets the allowed
     * methods and headers.
     */
    public Map<String, String> headersFor(String origin, boolean preflight, String requestedHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (origin == null || origin.isEmpty()) {
            return headers;
        }
        boolean anyOrigin = allowedOrigins.contains("*");
        if (!anyOrigin && !allowedOrigins.contains(origin)) {
            return headers;
        }
        headers.put("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (!anyOrigin) {
            headers.put("Vary", "Origin");
        }
        headers.put("Access-Control-Expose-Headers", RequestIds.CORRELATION_ID_HEADER);
        if (preflight) {
            headers.put("Access-Control-Allow-Methods", String.join(",", ALLOWED_METHODS));
            if (requestedHeaders != null && !requestedHeaders.isBlank()) {
                headers.put("Access-Control-Allow-Headers", requestedHeaders);
            }
            headers.put("Access-Control-Max-Age", Long.toString(PREFLIGHT_MAX_AGE_SECONDS));
        }
        return headers;
    }
}
