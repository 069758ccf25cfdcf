package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.GeneratedProject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** Dispatches on {@link Route}: the HTTP API of docs/generator.md. Each answer is built whole, then sent. */
final class GeneratorHandler extends Handler.Abstract {

    /** Command-line clients get the plain-text help at /. */
    private static final Pattern COMMAND_LINE_CLIENT = Pattern.compile("^(curl|HTTPie|Wget)/.*", Pattern.CASE_INSENSITIVE);
    private static final String PAGE_RESOURCES = "page/";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "html", "text/html;charset=utf-8", "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png");

    private final ProjectGenerator generator;
    private final ServiceLimits limits;
    private final String metadataJson;
    private final String openApiJson;

    GeneratorHandler(ProjectGenerator generator, ServiceLimits limits) {
        this.generator = generator;
        this.limits = limits;
        this.metadataJson = MetadataDocument.json(generator.archetype());
        this.openApiJson = OpenApiDocument.json(generator.archetype().coordinates(), generator.archetype().metadata());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        Optional<Route> route = Route.of(Request.getPathInContext(request));
        try {
            if (route.isEmpty()) {
                throw new ProblemException(HttpStatus.NOT_FOUND_404, List.of("No such resource: "
                        + ProjectParameters.printable(Request.getPathInContext(request)) + ". See " + Route.HOME.path + "."), Map.of());
            }
            boolean post = HttpMethod.POST.is(request.getMethod());
            boolean postable = route.get() == Route.STARTER_ZIP || route.get() == Route.STARTER_TGZ;
            if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod()) && !(post && postable)) {
                response.getHeaders().put(HttpHeader.ALLOW, postable ? "GET, HEAD, POST" : "GET, HEAD");
                throw new ProblemException(HttpStatus.METHOD_NOT_ALLOWED_405, List.of("Method " + request.getMethod()
                        + " is not allowed on " + route.get().path + "."), Map.of());
            }
            List<Map.Entry<String, String>> parameters = parameters(request, post);
            switch (route.get()) {
                case HOME -> home(request, response, callback);
                case METADATA -> metadata(request, response, callback);
                case STARTER_ZIP -> archive(ProjectArchive.ZIP, parameters, response, callback);
                case STARTER_TGZ -> archive(ProjectArchive.TGZ, parameters, response, callback);
                case PREVIEW -> send(response, callback, 200, "application/json", ProjectPreview.json(generator.generate(parameters)));
                case DIFF -> diff(parameters, response, callback);
                case OPENAPI -> send(response, callback, 200, "application/json", openApiJson);
                case PAGE_ASSET -> asset(Request.getPathInContext(request).substring(Route.PAGE_ASSET.path.length()), response, callback);
            }
        } catch (ProblemException problem) {
            send(response, callback, problem.status(), ProblemDocument.MEDIA_TYPE,
                    ProblemDocument.json(problem, generator.archetype().metadata()));
        } catch (RuntimeException failure) {
            // The service's own fault: say so without details, log them for the operator.
            System.err.println("lambda-container-service: " + request.getMethod() + " " + route.map(r -> r.path).orElse("?") + " failed");
            failure.printStackTrace();
            send(response, callback, 500, ProblemDocument.MEDIA_TYPE, ProblemDocument.json(new ProblemException(500,
                    List.of("The service failed to answer; its log says why."), Map.of()), generator.archetype().metadata()));
        }
        return true;
    }

    /** The query's parameters, and a POSTed form's, in order; a form past the size limit is a 413. */
    private List<Map.Entry<String, String>> parameters(Request request, boolean post) throws ProblemException {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        try {
            addAll(Request.extractQueryParameters(request, StandardCharsets.UTF_8), parameters);
            if (post) {
                long length = request.getLength();
                if (length > limits.maxRequestBodyBytes()) {
                    throw tooLarge();
                }
                addAll(FormFields.getFields(request, limits.maxParameters() + 1, limits.maxRequestBodyBytes()), parameters);
            }
        } catch (IllegalArgumentException | IllegalStateException malformedOrTooLarge) {
            if (post && !String.valueOf(malformedOrTooLarge.getMessage()).contains("large")) {
                discardTheRestOf(request);
            }
            if (String.valueOf(malformedOrTooLarge.getMessage()).contains("many")) {
                throw new ProblemException(List.of("Too many parameters; at most " + limits.maxParameters() + " are taken."), Map.of());
            }
            if (String.valueOf(malformedOrTooLarge.getMessage()).contains("large")) {
                throw tooLarge();
            }
            throw new ProblemException(List.of("The parameters are not valid application/x-www-form-urlencoded UTF-8: "
                    + malformedOrTooLarge.getMessage() + "."), Map.of());
        }
        return parameters;
    }

    /**
     * Reads and drops what is left of a refused form, which is within the size limit: closed with
     * unread bytes, the connection would be reset, and the client, still sending, would lose the answer.
     */
    private static void discardTheRestOf(Request request) {
        try {
            Content.Source.consumeAll(request);
        } catch (IOException | RuntimeException failedOrPastTheLimit) {
            // The answer goes out all the same; Jetty closes the connection.
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE_413, List.of("The request body is larger than "
                + limits.maxRequestBodyBytes() + " bytes."), Map.of());
    }

    private static void addAll(Fields fields, List<Map.Entry<String, String>> parameters) {
        for (Fields.Field field : fields) {
            for (String value : field.getValues()) {
                parameters.add(Map.entry(field.getName(), value));
            }
        }
    }

    private void home(Request request, Response response, Callback callback) throws ProblemException {
        response.getHeaders().put(HttpHeader.VARY, "User-Agent, Accept");
        String userAgent = Optional.ofNullable(request.getHeaders().get(HttpHeader.USER_AGENT)).orElse("");
        String accept = Optional.ofNullable(request.getHeaders().get(HttpHeader.ACCEPT)).orElse("").toLowerCase(Locale.ROOT);
        if ((accept.contains("application/json") || accept.contains(MetadataDocument.MEDIA_TYPE)) && !accept.contains("text/html")) {
            metadata(request, response, callback);
        } else if (COMMAND_LINE_CLIENT.matcher(userAgent).matches()) {
            String baseUrl = request.getHttpURI().getScheme() + "://" + request.getHttpURI().getAuthority();
            send(response, callback, 200, "text/plain;charset=utf-8", PlainTextHelp.text(baseUrl,
                    generator.archetype().coordinates(), generator.archetype().metadata()));
        } else {
            asset("index.html", response, callback);
        }
    }

    private void metadata(Request request, Response response, Callback callback) {
        String accept = Optional.ofNullable(request.getHeaders().get(HttpHeader.ACCEPT)).orElse("");
        boolean plainJson = accept.contains("application/json") && !accept.contains(MetadataDocument.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.VARY, "Accept");
        send(response, callback, 200, plainJson ? "application/json" : MetadataDocument.MEDIA_TYPE, metadataJson);
    }

    private void archive(ProjectArchive archive, List<Map.Entry<String, String>> parameters, Response response,
                         Callback callback) throws ProblemException {
        GeneratedProject project = generator.generate(parameters);
        byte[] bytes = archive.bytes(project);
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + archive.fileName(project) + "\"");
        send(response, callback, 200, archive.mediaType(), bytes);
    }

    private void diff(List<Map.Entry<String, String>> parameters, Response response, Callback callback) throws ProblemException {
        GeneratedProject base = generator.generate(generator.baseOfDiff(parameters), Route.DIFF_BASE_PREFIX, null);
        GeneratedProject target = generator.generate(parameters, "", Route.DIFF_BASE_PREFIX);
        send(response, callback, 200, "text/x-diff;charset=utf-8", ProjectDiff.between(base, target));
    }

    private void asset(String name, Response response, Callback callback) throws ProblemException {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        // Only plain names of the page's own files: no folders, so nothing outside them can be asked for.
        if (!name.matches("[a-z0-9-]+\\.[a-z]+") || !ASSET_TYPES.containsKey(extension)) {
            throw new ProblemException(HttpStatus.NOT_FOUND_404, List.of("No such page file: " + ProjectParameters.printable(name) + "."), Map.of());
        }
        try (InputStream in = GeneratorHandler.class.getResourceAsStream(PAGE_RESOURCES + name)) {
            if (in == null) {
                throw new ProblemException(HttpStatus.NOT_FOUND_404, List.of("No such page file: " + name + "."), Map.of());
            }
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            send(response, callback, 200, ASSET_TYPES.get(extension), in.readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void send(Response response, Callback callback, int status, String mediaType, String body) {
        String type = mediaType.contains("charset") || !mediaType.startsWith("text/") ? mediaType : mediaType + ";charset=utf-8";
        send(response, callback, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Response response, Callback callback, int status, String mediaType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, mediaType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
