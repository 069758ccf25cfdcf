package ${package}.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body of one order message, {@code {"item":"coffee","quantity":2}}, held to the same rules
 * as {@code POST /orders}: an item of 1 to 200 characters and a quantity from 1 to 1000.
 */
public record OrderMessage(String item, int quantity) {

    /** Strict: a body with anything after its JSON object is no order, not an order with noise. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** @throws IllegalArgumentException saying what is wrong, when the body is no valid order */
    public static OrderMessage parse(String body) {
        if (body != null && body.indexOf(QueueMessages.NOT_UTF8) >= 0) {
            throw new IllegalArgumentException("the body holds bytes that are no UTF-8");
        }
        JsonNode order;
        try {
            order = body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (order == null || !order.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object like {\"item\":\"coffee\",\"quantity\":2}");
        }
        JsonNode item = order.get("item");
        if (item == null || !item.isTextual() || item.asText().isBlank() || item.asText().length() > 200) {
            throw new IllegalArgumentException("item must be a text of 1 to 200 characters");
        }
        JsonNode quantity = order.get("quantity");
        if (quantity == null || !quantity.canConvertToInt() || !quantity.isIntegralNumber()
                || quantity.intValue() < 1 || quantity.intValue() > 1000) {
            throw new IllegalArgumentException("quantity must be a whole number from 1 to 1000");
        }
        return new OrderMessage(item.asText(), quantity.intValue());
    }
}
