package ${package}.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, before any route runs, a request whose Content-Type or Accept Jersey cannot use: a
 * quality value outside 0 to 1 (400; Jersey fails on it while choosing a route, with a 500), or a
 * charset this JVM does not have (415, or 406 for Accept: Jersey would carry an Accept's charset
 * into the response's Content-Type, and the container library, failing to encode the body in
 * it, would never answer).
 */
@PreMatching
@Priority(1) // right after CorrelationIdFilter, so the refusal carries the correlation id
public class UnusableMediaTypes implements ContainerRequestFilter {

    private static final Pattern QUALITY = Pattern.compile("(?i)(?:^|;)\\s*q\\s*=\\s*([^;,\\s]*)");
    /** RFC 9110's qvalue. */
    private static final Pattern VALID_QUALITY = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^;,\"\\s]*)");

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        for (String header : new String[] {HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT}) {
            String value = request.getHeaderString(header);
            if (value == null) {
                continue;
            }
            Optional<String> quality = first(QUALITY, value, q -> !VALID_QUALITY.matcher(q).matches());
            Optional<String> charset = first(CHARSET, value, name -> !isSupported(name));
            if (quality.isPresent()) {
                request.abortWith(refusal(Status.BAD_REQUEST, "The " + header + " header has the quality value "
                        + quality.get() + "; it must be from 0 to 1.", path));
            } else if (charset.isPresent()) {
                request.abortWith(header.equals(HttpHeaders.ACCEPT)
                        ? refusal(Status.NOT_ACCEPTABLE, "The charset " + charset.get() + " in Accept is not supported; "
                                + "responses are UTF-8.", path)
                        : refusal(Status.UNSUPPORTED_MEDIA_TYPE, "The request body's charset " + charset.get()
                                + " is not supported; send UTF-8.", path));
            }
            if (quality.isPresent() || charset.isPresent()) {
                return;
            }
        }
    }

    private static Response refusal(Status status, String detail, String path) {
        return Problem.of(status, detail, path).response().build();
    }

    /** The first value {@code parameter} captures in {@code header} that is {@code unusable}, cut short. */
    private static Optional<String> first(Pattern parameter, String header, Predicate<String> unusable) {
        Matcher matcher = parameter.matcher(header);
        while (matcher.find()) {
            String value = matcher.group(1);
            if (unusable.test(value)) {
                return Optional.of(value.length() <= 40 ? value : value.substring(0, 40) + "...");
            }
        }
        return Optional.empty();
    }

    private static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
