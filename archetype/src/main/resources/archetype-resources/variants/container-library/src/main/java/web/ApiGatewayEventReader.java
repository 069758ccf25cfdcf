package ${package}.web;

import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the event Lambda hands over into the container library's request type, and refuses,
 * as the caller's fault, an event that is no API Gateway or function URL event: not JSON (or
 * JSON nested past Jackson's 1,000 levels), not of the event's shape, without the fields the
 * library builds the servlet request from, with {@code null}s or empty value lists where it takes
 * none, with a path or query that is not validly URL-encoded, or with a body that is no base64
 * though {@code isBase64Encoded} says it is. The library itself would
 * answer those with its own 500 or 502 and a stack trace on stderr.
 */
public final class ApiGatewayEventReader {

    /** Why an event was refused; the function answers it with a 400 problem. */
    public static final class MalformedEventException extends Exception {
        MalformedEventException(String what) {
            super("The request event " + what + "; it is no API Gateway or function URL event.");
        }
    }

    private ApiGatewayEventReader() {}

    /** The event as {@code eventType}: AwsProxyRequest (payload 1.0) or HttpApiV2ProxyRequest (2.0). */
    public static <T> T read(InputStream input, Class<T> eventType) throws MalformedEventException {
        T event;
        try {
            event = LambdaContainerHandler.getObjectMapper().readValue(input, eventType);
        } catch (Exception notAnEvent) { // the library's Jackson (2 or 3, by library version) says why
            throw new MalformedEventException("is not JSON of the event's shape");
        }
        if (event instanceof AwsProxyRequest restApiEvent) {
            check(restApiEvent);
        } else if (event instanceof HttpApiV2ProxyRequest httpApiEvent) {
            check(httpApiEvent);
        } else {
            throw new MalformedEventException("is null");
        }
        return event;
    }

    private static void check(AwsProxyRequest event) throws MalformedEventException {
        required(event.getHttpMethod(), "httpMethod");
        urlEncoded(required(event.getPath(), "path"), "path");
        if (event.getRequestContext() == null || event.getRequestContext().getIdentity() == null) {
            throw new MalformedEventException("has no requestContext.identity");
        }
        noNulls(event.getHeaders(), "headers");
        noNullLists(event.getMultiValueHeaders(), "multiValueHeaders");
        noNulls(event.getQueryStringParameters(), "queryStringParameters");
        noNullLists(event.getMultiValueQueryStringParameters(), "multiValueQueryStringParameters");
        noNulls(event.getPathParameters(), "pathParameters");
        noNulls(event.getStageVariables(), "stageVariables");
        base64(event.getBody(), event.isBase64Encoded());
    }

    private static void check(HttpApiV2ProxyRequest event) throws MalformedEventException {
        urlEncoded(required(event.getRawPath(), "rawPath"), "rawPath");
        if (event.getRawQueryString() != null) {
            urlEncoded(event.getRawQueryString(), "rawQueryString");
        }
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            throw new MalformedEventException("has no requestContext.http");
        }
        required(event.getRequestContext().getHttp().getMethod(), "requestContext.http.method");
        noNulls(event.getHeaders(), "headers");
        noNulls(event.getQueryStringParameters(), "queryStringParameters");
        noNulls(event.getPathParameters(), "pathParameters");
        noNulls(event.getStageVariables(), "stageVariables");
        if (event.getCookies() != null && event.getCookies().contains(null)) {
            throw new MalformedEventException("has a null among its cookies");
        }
        base64(event.getBody(), event.isBase64Encoded());
    }

    private static String required(String value, String field) throws MalformedEventException {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("has no " + field);
        }
        return value;
    }

    /** The library URL-decodes the path and query; a '%' not followed by two hex digits would fail it. */
    private static void urlEncoded(String value, String field) throws MalformedEventException {
        try {
            URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notUrlEncoded) {
            throw new MalformedEventException("has a " + field + " that is not validly URL-encoded");
        }
    }

    private static void noNulls(Map<String, String> map, String field) throws MalformedEventException {
        if (map != null && map.values().stream().anyMatch(Objects::isNull)) {
            throw new MalformedEventException("has a null in its " + field);
        }
    }

    private static void noNullLists(Map<String, ? extends Collection<String>> map, String field)
            throws MalformedEventException {
        if (map != null && map.values().stream().anyMatch(values -> values == null || values.isEmpty()
                || values.contains(null))) {
            throw new MalformedEventException("has a name without values in its " + field);
        }
    }

    private static void base64(String body, boolean base64Encoded) throws MalformedEventException {
        if (base64Encoded && body != null) {
            try {
                Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException notBase64) {
                throw new MalformedEventException("has a body that is not valid base64, though isBase64Encoded says it is");
            }
        }
    }
}
