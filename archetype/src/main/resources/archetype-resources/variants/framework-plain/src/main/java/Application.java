package ${package};

import ${package}.http.HttpRequest;
import ${package}.http.HttpResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;

/**
 * The same {@link Api} as a plain HTTP server on {@code PORT} (default 8080), on the JDK's
 * built-in server: scripts/run-local.sh, Dockerfile.server.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Api api = Api.fromEnvironment();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                write(api.handle(read(exchange)), exchange);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        LoggerFactory.getLogger(Application.class).info("Listening on http://localhost:{}", port);
    }

    private static HttpRequest read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                query.putIfAbsent(decode(nameAndValue[0]), nameAndValue.length > 1 ? decode(nameAndValue[1]) : "");
            }
        }
        try (InputStream body = exchange.getRequestBody()) {
            return new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, query,
                    body.readAllBytes());
        }
    }

    private static void write(HttpResponse response, HttpExchange exchange) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        long length = response.body().length == 0 ? -1 : response.body().length;
        exchange.sendResponseHeaders(response.status(), length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(response.body());
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
