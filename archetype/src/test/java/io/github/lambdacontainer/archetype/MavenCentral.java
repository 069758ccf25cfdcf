package io.github.lambdacontainer.archetype;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/** Whether the integration tests that download from Maven Central can reach it. */
final class MavenCentral {

    static final String URL = "https://repo.maven.apache.org/maven2/";

    private MavenCentral() {}

    /** Why {@code path} (a file under {@link #URL}) cannot be fetched, or empty when it can. */
    static Optional<String> unreachable(String path) {
        URI probe = URI.create(URL + path);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(20))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? Optional.empty()
                    : Optional.of("HTTP " + response.statusCode() + " for " + probe);
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " for " + probe);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Why a generated project's {@code ./mvnw} cannot run here: the Maven it pins
     * ({@code generated.maven.version}) is not under ~/.m2/wrapper and Maven Central, where it
     * would download it from, is unreachable; empty when it can.
     */
    static Optional<String> wrapperMavenUnavailable() {
        String version = System.getProperty("generated.maven.version", "");
        Path dists = Path.of(System.getProperty("user.home"), ".m2/wrapper/dists/apache-maven-" + version);
        if (!version.isEmpty() && Files.isDirectory(dists)) {
            try (Stream<Path> entries = Files.list(dists)) {
                if (entries.findAny().isPresent()) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                // look at Central instead
            }
        }
        return unreachable("org/apache/maven/apache-maven/" + version + "/apache-maven-" + version + "-bin.zip.sha256")
                .map(reason -> "./mvnw downloads Maven " + version + " (not in " + dists + ") from Maven Central, "
                        + "which is unreachable: " + reason);
    }
}
