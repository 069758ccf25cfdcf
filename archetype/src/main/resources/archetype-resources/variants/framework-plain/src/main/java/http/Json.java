package ${package}.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Map;

/** The one JSON mapper: built once, thread-safe, ISO-8601 dates, no nulls written. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {}

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serializable as JSON: " + value.getClass(), e);
        }
    }

    /** A request body that must be a JSON object; 400 if it is not. */
    public static JsonNode readObject(HttpRequest request) {
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new HttpException(400, "The request body is not valid JSON.");
        }
        if (body == null || !body.isObject()) {
            throw new HttpException(400, "The request body must be a JSON object.");
        }
        return body;
    }

    /** A field that must be a string of 1 to maxLength characters, not blank; else an entry in errors. */
    public static String requiredText(JsonNode body, String field, int maxLength, Map<String, String> errors) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            errors.put(field, "must not be blank");
            return null;
        }
        if (value.asText().length() > maxLength) {
            errors.put(field, "size must be between 1 and " + maxLength);
            return null;
        }
        return value.asText();
    }

    /** A field that must be an integer from min to max; else an entry in errors. */
    public static Integer requiredInt(JsonNode body, String field, int min, int max, Map<String, String> errors) {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()
                || value.asInt() < min || value.asInt() > max) {
            errors.put(field, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.asInt();
    }
}
