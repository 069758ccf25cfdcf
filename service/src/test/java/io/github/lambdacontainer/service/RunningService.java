package io.github.lambdacontainer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.engine.Archetype;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The service on a free loopback port, serving the archetype jar this build made, with the engine. */
final class RunningService implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final Archetype archetype;
    final GeneratorServer server;
    final URI base;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RunningService(ServiceLimits limits) throws Exception {
        // The build points java.io.tmpdir into target/ (HostileInputTest watches it); make sure it is there.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        archetype = Archetype.open(GeneratorService.archetypeOnClassPath());
        server = new GeneratorServer(archetype, "127.0.0.1", 0, limits).start();
        base = URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    RunningService() throws Exception {
        this(ServiceLimits.DEFAULTS);
    }

    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> postForm(String path, String form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String contentType(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @Override
    public void close() throws Exception {
        server.close();
        archetype.close();
    }
}
