package ${package}.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;

/**
 * CORS from {@code CORS_ALLOWED_ORIGINS} ({@link CorsPolicy}): a browser's preflight is answered
 * here, before any route, and every other answer to an allowed origin carries its CORS headers.
 */
@PreMatching
@Priority(10)
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ORIGIN = "Origin";
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";
    private static final String REQUEST_HEADERS = "Access-Control-Request-Headers";

    private final CorsPolicy policy = CorsPolicy.fromEnvironment();

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPreflight(request)) {
            boolean allowed = !policy.headersFor(request.getHeaderString(ORIGIN), true, null).isEmpty();
            request.abortWith(Response.status(allowed ? Response.Status.OK : Response.Status.FORBIDDEN).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        policy.headersFor(request.getHeaderString(ORIGIN), isPreflight(request), request.getHeaderString(REQUEST_HEADERS))
                .forEach(response.getHeaders()::putSingle);
    }

    private static boolean isPreflight(ContainerRequestContext request) {
        return HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaderString(ORIGIN) != null
                && request.getHeaderString(REQUEST_METHOD) != null;
    }
}
