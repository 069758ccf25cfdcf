package ${package}.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request, whichever way it arrived: an API Gateway or function URL event (either
 * payload version) or the JDK's HTTP server. Header names are case-insensitive.
 */
public record HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> query, byte[] body) {

    public HttpRequest {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            caseInsensitive.putAll(headers);
        }
        headers = caseInsensitive;
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String queryParameter(String name) {
        return query.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
