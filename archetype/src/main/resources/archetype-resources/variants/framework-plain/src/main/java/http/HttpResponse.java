package ${package}.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, headers, body. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public static HttpResponse json(int status, Object value) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"), Json.write(value));
    }

    public static HttpResponse empty(int status) {
        return new HttpResponse(status, Map.of(), new byte[0]);
    }

    public HttpResponse withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new HttpResponse(status, merged, body);
    }
}
