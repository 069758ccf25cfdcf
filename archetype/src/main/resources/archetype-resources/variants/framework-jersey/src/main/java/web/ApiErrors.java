package ${package}.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamWriteException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error is answered as an RFC 9457 {@link Problem}: Jersey's own (404 no route, 405 with
 * its {@code Allow} header, ...), 400 for malformed JSON and for invalid bodies (with the field
 * errors), and a 500 without internals for anything unexpected.
 */
public class ApiErrors implements Feature {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @Override
    public boolean configure(FeatureContext context) {
        context.register(HttpErrors.class);
        context.register(MalformedJson.class);
        context.register(InvalidBody.class);
        context.register(Unexpected.class);
        return true;
    }

    /** Gives each mapper the path of the request that failed, as the problem's {@code instance}. */
    public abstract static class ProblemMapper<E extends Throwable> implements ExceptionMapper<E> {

        @Context
        private UriInfo request;

        protected Problem problem(Response.StatusType status, String detail) {
            return Problem.of(status, detail, request.getRequestUri().getRawPath());
        }

        protected Response unexpected(Throwable e) {
            log.error("Unexpected failure", e);
            return problem(Status.INTERNAL_SERVER_ERROR, "An unexpected error occurred.").response().build();
        }
    }

    /** Jersey's and the routes' {@link WebApplicationException}s, with their status and headers. */
    public static class HttpErrors extends ProblemMapper<WebApplicationException> {

        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            if (original.getStatus() < 400) {
                return original;
            }
            // Jersey's own messages ("HTTP 404 Not Found") say no more than the title.
            String message = e.getMessage();
            String detail = message == null || message.startsWith("HTTP " + original.getStatus()) ? null : message;
            Response.ResponseBuilder problem = problem(original.getStatusInfo(), detail).response();
            original.getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                    values.forEach(value -> problem.header(name, value));
                }
            });
            return problem.build();
        }
    }

    /** A request body that is not JSON, or not JSON of the expected shape. */
    public static class MalformedJson extends ProblemMapper<JsonProcessingException> {

        @Override
        public Response toResponse(JsonProcessingException e) {
            if (e instanceof StreamWriteException || e instanceof InvalidDefinitionException) {
                return unexpected(e); // writing the response failed, or a type cannot be mapped: our fault
            }
            return problem(Status.BAD_REQUEST, "The request body is not valid JSON for this route.").response().build();
        }
    }

    /** Bean Validation failures of a request body, as {@code errors: {field: message}}. */
    public static class InvalidBody extends ProblemMapper<ConstraintViolationException> {

        @Override
        public Response toResponse(ConstraintViolationException e) {
            Map<String, String> errors = new TreeMap<>();
            for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
                errors.putIfAbsent(lastNode(violation.getPropertyPath()), violation.getMessage());
            }
            return problem(Status.BAD_REQUEST, "The request body is not valid.").withErrors(errors).response().build();
        }

        /** {@code greet.request.name} (method, parameter, field) names the field {@code name}. */
        private static String lastNode(Path path) {
            String name = null;
            for (Path.Node node : path) {
                name = node.getName();
            }
            return name;
        }
    }

    public static class Unexpected extends ProblemMapper<Throwable> {

        @Override
        public Response toResponse(Throwable e) {
            return unexpected(e);
        }
    }
}
