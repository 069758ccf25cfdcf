package io.github.lambdacontainer.archetype.contract.concurrency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdacontainer.archetype.contract.expectation.ApiGatewayHttpRequests;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Copies of a sample HTTP event (API Gateway payload 1.0, or 2.0 as HTTP APIs and function URLs
 * send it) with one value changed in every place the payload carries it, so that each invocation
 * of a batch is told apart by what it sent.
 */
final class EventEdits {

    private EventEdits() {}

    /** {@code ?name=value}: queryStringParameters, and multiValueQueryStringParameters (1.0) or rawQueryString (2.0). */
    static ObjectNode withQueryParameter(JsonNode event, String name, String value) {
        ObjectNode edited = event.deepCopy();
        objectAt(edited, "queryStringParameters").put(name, value);
        if (isV2(edited)) {
            List<String> pairs = new ArrayList<>();
            edited.path("queryStringParameters").properties().forEach(parameter -> pairs.add(
                    encode(parameter.getKey()) + "=" + encode(parameter.getValue().asText())));
            edited.put("rawQueryString", String.join("&", pairs));
        } else {
            objectAt(edited, "multiValueQueryStringParameters").putArray(name).add(value);
        }
        return edited;
    }

    /** The header {@code name} (any case) replaced by one value, in headers and (1.0) multiValueHeaders. */
    static ObjectNode withHeader(JsonNode event, String name, String value) {
        ObjectNode edited = event.deepCopy();
        // 2.0 headers are lower case, as API Gateway delivers them.
        String key = isV2(edited) ? name.toLowerCase(Locale.ROOT) : name;
        ObjectNode headers = objectAt(edited, "headers");
        removeAnyCase(headers, name);
        headers.put(key, value);
        if (!isV2(edited)) {
            ObjectNode multi = objectAt(edited, "multiValueHeaders");
            removeAnyCase(multi, name);
            multi.putArray(key).add(value);
        }
        return edited;
    }

    /** A plain-text body in place of the event's. */
    static ObjectNode withBody(JsonNode event, String body) {
        ObjectNode edited = event.deepCopy();
        edited.put("body", body);
        edited.put("isBase64Encoded", false);
        return edited;
    }

    private static void removeAnyCase(ObjectNode headers, String name) {
        List<String> keys = new ArrayList<>();
        headers.fieldNames().forEachRemaining(key -> {
            if (key.equalsIgnoreCase(name)) {
                keys.add(key);
            }
        });
        headers.remove(keys);
    }

    private static boolean isV2(JsonNode event) {
        return ApiGatewayHttpRequests.payloadVersion(event).equals("2.0");
    }

    /** The object under {@code field}, made one where the event has null or nothing there. */
    private static ObjectNode objectAt(ObjectNode event, String field) {
        return event.get(field) instanceof ObjectNode object ? object : event.putObject(field);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
