package ${package}.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
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

    /** The event Lambda hands over, as JSON; 400 when it is none (Jackson also refuses JSON nested past 1,000). */
    public static JsonNode read(InputStream input) throws IOException {
        try {
            return Json.MAPPER.readTree(input);
        } catch (JsonProcessingException notJson) {
            throw malformed("is not JSON");
        }
    }

    /** The HTTP request an API Gateway or function URL event carries; 400 when the event is no such event. */
    public static HttpRequest toRequest(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw malformed("is not a JSON object");
        }
        try {
            return isPayloadV2(event)
                    ? fromV2(Json.MAPPER.convertValue(event, APIGatewayV2HTTPEvent.class))
                    : fromV1(Json.MAPPER.convertValue(event, APIGatewayProxyRequestEvent.class));
        } catch (IllegalArgumentException wrongType) {
            throw malformed("has a field of the wrong type");
        }
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
        return new HttpRequest(required(event.getHttpMethod(), "httpMethod"), required(event.getPath(), "path"),
                event.getHeaders(), event.getQueryStringParameters(),
                body(event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded())));
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
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            throw malformed("has no requestContext.http");
        }
        return new HttpRequest(required(event.getRequestContext().getHttp().getMethod(), "requestContext.http.method"),
                required(event.getRawPath(), "rawPath"), headers, event.getQueryStringParameters(),
                body(event.getBody(), event.getIsBase64Encoded()));
    }

    private static byte[] body(String body, boolean base64Encoded) {
        if (body == null) {
            return new byte[0];
        }
        if (!base64Encoded) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException notBase64) {
            throw new HttpException(400, "The request body is not valid base64, though the event's isBase64Encoded says it is.");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw malformed("has no " + field);
        }
        return value;
    }

    private static HttpException malformed(String what) {
        return new HttpException(400, "The request event " + what + "; it is no API Gateway or function URL event.");
    }
}
