package ${package}.hello;

import ${package}.http.HttpException;
import ${package}.http.HttpResponse;
import ${package}.http.Json;
import ${package}.http.Router;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /hello?name=X} and {@code POST /hello {"name":"X"}}. */
public final class HelloRoutes {

    private HelloRoutes() {}

    public static void register(Router router) {
        router.get("/hello", (request, parameters) -> {
            String name = request.queryParameter("name");
            return HttpResponse.json(200, Greeting.of(name == null || name.isBlank() ? Greeting.DEFAULT_NAME : name));
        });
        router.post("/hello", (request, parameters) -> {
            JsonNode body = Json.readObject(request);
            Map<String, String> errors = new LinkedHashMap<>();
            String name = Json.requiredText(body, "name", 100, errors);
            if (!errors.isEmpty()) {
                throw HttpException.invalid(errors);
            }
            return HttpResponse.json(200, Greeting.of(name));
        });
    }
}
