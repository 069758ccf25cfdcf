package ${package}.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request, whichever way it arrived: an API Gateway or function URL event (either
 * payload version) or the JDK's HTTP server. Header names are case-insensitive; a header or
 * query parameter without a name or a value (an event can carry {@code null}s) is left out.
 */
public record HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> query, byte[] body) {

    public HttpRequest {
        headers = withoutNulls(headers, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
        query = Collections.unmodifiableMap(withoutNulls(query, new HashMap<>()));
        body = body == null ? new byte[0] : body;
    }

    private static Map<String, String> withoutNulls(Map<String, String> from, Map<String, String> to) {
        if (from != null) {
            from.forEach((name, value) -> {
                if (name != null && value != null) {
                    to.put(name, value);
                }
            });
        }
        return to;
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
