package ${package}.orders;

import ${package}.database.DatabaseUnavailableException;
import ${package}.http.HttpException;
import ${package}.http.HttpResponse;
import ${package}.http.Json;
import ${package}.http.Router;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /orders}, {@code GET /orders/{id}}, {@code POST /orders}; 503 when the database is unavailable. */
public final class OrderRoutes {

    private OrderRoutes() {}

    public static void register(Router router, OrderRepository orders) {
        router.get("/orders", databaseUnavailableIs503((request, parameters) -> HttpResponse.json(200, orders.findRecent())));
        router.get("/orders/{id}", databaseUnavailableIs503((request, parameters) -> {
            long id = parseId(parameters.get("id"));
            return orders.findById(id)
                    .map(order -> HttpResponse.json(200, order))
                    .orElseThrow(() -> new HttpException(404, "No order with id " + id + "."));
        }));
        router.post("/orders", databaseUnavailableIs503((request, parameters) -> {
            JsonNode body = Json.readObject(request);
            Map<String, String> errors = new LinkedHashMap<>();
            String item = Json.requiredText(body, "item", 200, errors);
            Integer quantity = Json.requiredInt(body, "quantity", 1, 1000, errors);
            if (!errors.isEmpty()) {
                throw HttpException.invalid(errors);
            }
            return HttpResponse.json(201, orders.create(item, quantity));
        }));
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new HttpException(400, "Order id must be a number, not '" + id + "'.");
        }
    }

    private static Router.Handler databaseUnavailableIs503(Router.Handler handler) {
        return (request, parameters) -> {
            try {
                return handler.handle(request, parameters);
            } catch (DatabaseUnavailableException e) {
                throw new HttpException(503, "The database is unavailable; try again shortly.");
            }
        };
    }
}
