package io.github.lambdacontainer.archetype.contract.expectation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an HTTP request event into the HTTP request it stands for: an API Gateway proxy event
 * (REST API, payload 1.0; HTTP API, payload 2.0) or a Lambda function URL event (payload 2.0, as
 * an HTTP API's, with its lambda-url host and {@code $default} route and stage, which the request
 * does not need). And an HTTP response back into the proxy-response shape expected.json is
 * matched against, so the server container is held to the same contract as the Lambda images.
 */
public final class ApiGatewayHttpRequests {

    /** Headers java.net.http sets itself and refuses to take from a caller. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiGatewayHttpRequests() {}

    /** "2.0" for an HTTP API or function URL event ({@code "version": "2.0"}), else "1.0". */
    public static String payloadVersion(JsonNode event) {
        return "2.0".equals(event.path("version").asText()) ? "2.0" : "1.0";
    }

    public static HttpRequest toRequest(JsonNode event, String baseUri, Duration timeout) {
        boolean v2 = payloadVersion(event).equals("2.0");
        String method = v2 ? event.path("requestContext").path("http").path("method").asText()
                : event.path("httpMethod").asText();
        String path = v2 ? event.path("rawPath").asText("/") : event.path("path").asText("/");
        String query = v2 ? event.path("rawQueryString").asText("") : v1Query(event);
        if (method.isEmpty()) {
            throw new AssertionError("the event names no HTTP method (" + (v2 ? "requestContext.http.method" : "httpMethod") + ")");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(baseUri, path, query)).timeout(timeout);
        for (String[] header : headers(event, v2)) {
            String name = header[0];
            if (name.isBlank() || RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            try {
                request.header(name, header[1]);
            } catch (IllegalArgumentException notSendable) {
                // a header HTTP cannot carry (API Gateway would not forward it either)
            }
        }
        JsonNode body = event.get("body");
        HttpRequest.BodyPublisher publisher = body == null || body.isNull()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(event.path("isBase64Encoded").asBoolean(false)
                        ? Base64.getDecoder().decode(body.asText())
                        : body.asText().getBytes(StandardCharsets.UTF_8));
        return request.method(method, publisher).build();
    }

    /** The proxy-response shape: statusCode, multiValueHeaders and the body as text. */
    public static ObjectNode toAnswer(HttpResponse<byte[]> response) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("statusCode", response.statusCode());
        ObjectNode headers = answer.putObject("multiValueHeaders");
        response.headers().map().forEach((name, values) -> {
            ArrayNode list = headers.putArray(name);
            values.forEach(list::add);
        });
        answer.put("body", new String(response.body(), StandardCharsets.UTF_8));
        answer.put("isBase64Encoded", false);
        return answer;
    }

    private static URI uri(String baseUri, String path, String query) {
        try {
            URI withPath = new URI("http", null, "placeholder", -1, path.startsWith("/") ? path : "/" + path, null, null);
            String encodedPath = withPath.getRawPath();
            return URI.create(baseUri + encodedPath + (query.isEmpty() ? "" : "?" + query));
        } catch (URISyntaxException e) {
            throw new AssertionError("the event's path " + path + " is not a valid URI path", e);
        }
    }

    private static String v1Query(JsonNode event) {
        List<String> pairs = new ArrayList<>();
        JsonNode multi = event.get("multiValueQueryStringParameters");
        if (multi != null && multi.isObject()) {
            multi.properties().forEach(parameter -> parameter.getValue().forEach(value ->
                    pairs.add(encode(parameter.getKey()) + "=" + encode(value.asText()))));
        } else {
            event.path("queryStringParameters").properties().forEach(parameter ->
                    pairs.add(encode(parameter.getKey()) + "=" + encode(parameter.getValue().asText())));
        }
        return String.join("&", pairs);
    }

    private static List<String[]> headers(JsonNode event, boolean v2) {
        List<String[]> headers = new ArrayList<>();
        JsonNode multi = event.get("multiValueHeaders");
        if (!v2 && multi != null && multi.isObject()) {
            multi.properties().forEach(header -> header.getValue().forEach(value ->
                    headers.add(new String[] {header.getKey(), value.asText()})));
        } else {
            event.path("headers").properties().forEach(header -> {
                if (!header.getValue().isNull()) {
                    headers.add(new String[] {header.getKey(), header.getValue().asText()});
                }
            });
        }
        if (v2 && event.path("cookies").isArray() && !event.path("cookies").isEmpty()) {
            List<String> cookies = new ArrayList<>();
            event.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
            headers.add(new String[] {"Cookie", String.join("; ", cookies)});
        }
        return headers;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
