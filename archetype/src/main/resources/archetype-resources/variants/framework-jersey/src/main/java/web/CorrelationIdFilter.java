package ${package}.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request its correlation id ({@link RequestIds}), returns it on the response,
 * puts it on every log line written while the request is handled, and logs the request.
 * Pre-matching and first, so it also covers requests that match no route.
 */
@PreMatching
@Priority(0)
public class CorrelationIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger log = LoggerFactory.getLogger(CorrelationIdFilter.class);
    private static final String CORRELATION_ID = CorrelationIdFilter.class.getName() + ".correlationId";
    private static final String STARTED = CorrelationIdFilter.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        String correlationId = RequestIds.correlationId(request.getHeaderString(RequestIds.CORRELATION_ID_HEADER));
        MDC.put(RequestIds.CORRELATION_ID_LOG_KEY, correlationId);
        request.setProperty(CORRELATION_ID, correlationId);
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object correlationId = request.getProperty(CORRELATION_ID);
        response.getHeaders().putSingle(RequestIds.CORRELATION_ID_HEADER, correlationId);
        long millis = (System.nanoTime() - (long) request.getProperty(STARTED)) / 1_000_000;
        log.info("{} {} -> {} in {} ms", request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(),
                response.getStatus(), millis);
        MDC.remove(RequestIds.CORRELATION_ID_LOG_KEY);
    }
}
