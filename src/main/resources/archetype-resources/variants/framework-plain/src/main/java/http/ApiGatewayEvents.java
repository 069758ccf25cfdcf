package ${package}.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates API Gateway proxy events to {@link HttpRequest}s and {@link HttpResponse}s back:
 * REST API events (payload 1.0) and HTTP API events (payload 2.0, {@code "version": "2.0"})
 * alike, so one handler serves behind either. A Lambda function URL sends payload 2.0 events and
 * takes the same answer, so it goes the HTTP API's way.
 */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {}

    /** Whether this event is a payload 2.0 one: from an HTTP API or a function URL. */
    public static boolean isPayloadV2(JsonNode event) {
        return "2.0".equals(event.path("version").asText());
    }

    public static HttpRequest toRequest(JsonNode event) {
        return isPayloadV2(event)
                ? fromV2(Json.MAPPER.convertValue(event, APIGatewayV2HTTPEvent.class))
                : fromV1(Json.MAPPER.convertValue(event, APIGatewayProxyRequestEvent.class));
    }

    public static Object toResponseEvent(HttpResponse response, boolean payloadV2) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (payloadV2) {
            APIGatewayV2HTTPResponse event = new APIGatewayV2HTTPResponse();
            event.setStatusCode(response.status());
            event.setHeaders(response.headers());
            event.setBody(body);
            return event;
        }
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(body)
                .withIsBase64Encoded(false);
    }

    private static HttpRequest fromV1(APIGatewayProxyRequestEvent event) {
        return new HttpRequest(event.getHttpMethod(), event.getPath(), event.getHeaders(),
                event.getQueryStringParameters(), body(event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded())));
    }

    private static HttpRequest fromV2(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            // Payload 2.0 moves cookies out of the headers; put them back for the application.
            headers.put("Cookie", String.join("; ", event.getCookies()));
        }
        return new HttpRequest(event.getRequestContext().getHttp().getMethod(), event.getRawPath(), headers,
                event.getQueryStringParameters(), body(event.getBody(), event.getIsBase64Encoded()));
    }

    private static byte[] body(String body, boolean base64Encoded) {
        if (body == null) {
            return new byte[0];
        }
        return base64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }
}
