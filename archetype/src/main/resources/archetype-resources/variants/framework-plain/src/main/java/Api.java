package ${package};

#if ($database != 'none')
import ${package}.database.Database;
#end
import ${package}.hello.HelloRoutes;
#if ($database != 'none')
import ${package}.orders.OrderRoutes;
#end
import ${package}.http.HttpException;
import ${package}.http.HttpRequest;
import ${package}.http.HttpResponse;
import ${package}.http.Router;
import ${package}.web.CorsPolicy;
import ${package}.web.Health;
import ${package}.web.HealthCheck;
import ${package}.web.RequestIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP API: its routes, and what every request goes through (correlation id, CORS, errors
 * as problem JSON, one access log line). Built once; the Lambda handler and the plain HTTP
 * server both hand it their requests.
 */
public final class Api {

    private static final Logger log = LoggerFactory.getLogger(Api.class);

    private final Router router;
    private final CorsPolicy cors;

    private Api(Router router, CorsPolicy cors) {
        this.router = router;
        this.cors = cors;
    }

    public static Api fromEnvironment() {
        Router router = new Router();
        List<HealthCheck> healthChecks = new ArrayList<>();
        router.get("/", (request, parameters) -> {
            Health health = Health.of(healthChecks);
            return HttpResponse.json(health.httpStatus(), health);
        });
        HelloRoutes.register(router);
#if ($database != 'none')
        Database database = Database.fromEnvironment();
        OrderRoutes.register(router, database.orders());
        healthChecks.add(database.healthCheck());
#end
        return new Api(router, CorsPolicy.fromEnvironment());
    }

    public HttpResponse handle(HttpRequest request) {
        String correlationId = RequestIds.correlationId(request.header(RequestIds.CORRELATION_ID_HEADER));
        MDC.put(RequestIds.CORRELATION_ID_LOG_KEY, correlationId);
        long started = System.nanoTime();
        try {
            boolean preflight = "OPTIONS".equals(request.method()) && request.header("Access-Control-Request-Method") != null;
            HttpResponse response = preflight ? HttpResponse.empty(200) : answer(request);
            Map<String, String> headers = new LinkedHashMap<>(cors.headersFor(
                    request.header("Origin"), preflight, request.header("Access-Control-Request-Headers")));
            headers.put(RequestIds.CORRELATION_ID_HEADER, correlationId);
            response = response.withHeaders(headers);
            log.info("{} {} -> {} in {} ms", request.method(), request.path(), response.status(),
                    (System.nanoTime() - started) / 1_000_000);
            return response;
        } finally {
            MDC.remove(RequestIds.CORRELATION_ID_LOG_KEY);
        }
    }

    /**
     * The answer to an event that carries no HTTP request ({@code malformedEvent} says what is
     * wrong with it): its problem, with a new correlation id, logged like any other answer.
     */
    public HttpResponse reject(HttpException malformedEvent) {
        String correlationId = RequestIds.correlationId(null);
        MDC.put(RequestIds.CORRELATION_ID_LOG_KEY, correlationId);
        try {
            HttpResponse response = malformedEvent.toResponse(null)
                    .withHeaders(Map.of(RequestIds.CORRELATION_ID_HEADER, correlationId));
            log.warn("Malformed event -> {}: {}", response.status(), malformedEvent.getMessage());
            return response;
        } finally {
            MDC.remove(RequestIds.CORRELATION_ID_LOG_KEY);
        }
    }

    private HttpResponse answer(HttpRequest request) {
        try {
            return router.route(request);
        } catch (HttpException e) {
            return e.toResponse(request.path());
        } catch (RuntimeException e) {
            log.error("Unexpected failure", e);
            return new HttpException(500, "An unexpected error occurred.").toResponse(request.path());
        }
    }
}
