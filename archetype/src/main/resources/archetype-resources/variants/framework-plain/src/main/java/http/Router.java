package ${package}.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps method and path to a handler, the way a route map over {@code event.path} and
 * {@code event.httpMethod} does. Patterns are literal segments and {@code {name}} parameters;
 * a trailing slash is ignored. No match: 404; the path matches but not the method: 405.
 */
public final class Router {

    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(HttpRequest request, Map<String, String> pathParameters);
    }

    private record Route(String method, List<String> segments, Handler handler) {

        /** The path parameters when the path matches this route's pattern, else null. */
        Map<String, String> match(List<String> path) {
            if (path.size() != segments.size()) {
                return null;
            }
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    parameters.put(segment.substring(1, segment.length() - 1), path.get(i));
                } else if (!segment.equals(path.get(i))) {
                    return null;
                }
            }
            return parameters;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    public Router get(String pattern, Handler handler) {
        return add("GET", pattern, handler);
    }

    public Router post(String pattern, Handler handler) {
        return add("POST", pattern, handler);
    }

    public Router add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, segments(pattern), handler));
        return this;
    }

    public HttpResponse route(HttpRequest request) {
        List<String> path = segments(request.path());
        TreeSet<String> allowedMethods = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = route.match(path);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return route.handler().handle(request, parameters);
            }
            allowedMethods.add(route.method());
        }
        if (allowedMethods.isEmpty()) {
            throw new HttpException(404, "No route for " + request.path() + ".");
        }
        throw new HttpException(405, "Method " + request.method() + " is not supported for " + request.path() + ".",
                Map.of(), Map.of("Allow", String.join(", ", allowedMethods)));
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }
}
