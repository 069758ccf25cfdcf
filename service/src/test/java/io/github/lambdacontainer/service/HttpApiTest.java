package io.github.lambdacontainer.service;

import static io.github.lambdacontainer.service.RunningService.contentType;
import static io.github.lambdacontainer.service.RunningService.json;
import static io.github.lambdacontainer.service.RunningService.query;
import static io.github.lambdacontainer.service.RunningService.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.Metadata;
import io.github.lambdacontainer.engine.Option;
import io.github.lambdacontainer.engine.ProjectFile;
import io.github.lambdacontainer.engine.RefusedCombination;
import io.github.lambdacontainer.engine.RefusedOptionsException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over loopback against the real engine and the archetype jar this build made. */
class HttpApiTest {

    private static final Map<String, String> COORDINATES = Map.of("groupId", "com.example.orders", "artifactId", "orders-api",
            "package", "com.example.orders.app");

    private static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static Map<String, String> with(Map<String, String> more) {
        Map<String, String> answers = new LinkedHashMap<>(COORDINATES);
        answers.putAll(more);
        return answers;
    }

    @Test
    void metadataIsTheEnginesUnderAVersionedMediaType() throws Exception {
        HttpResponse<byte[]> response = service.get("/metadata");
        assertEquals(200, response.statusCode());
        assertEquals(MetadataDocument.MEDIA_TYPE, contentType(response));
        JsonNode document = json(response);
        Metadata metadata = service.archetype.metadata();
        assertEquals(metadata.options().size(), document.get("options").size());
        for (int i = 0; i < metadata.options().size(); i++) {
            Option option = metadata.options().get(i);
            JsonNode json = document.get("options").get(i);
            assertEquals(option.name(), json.get("name").asText());
            assertEquals(option.description(), json.get("description").asText());
            assertEquals(option.defaultValue(), json.get("default").isNull() ? null : json.get("default").asText());
            List<String> values = new ArrayList<>();
            json.get("values").forEach(value -> values.add(value.asText()));
            assertEquals(option.allowedValues(), values, option.name());
        }
        assertFalse(metadata.refusedCombinations().isEmpty(), "the archetype refuses some combinations");
        for (int i = 0; i < metadata.refusedCombinations().size(); i++) {
            RefusedCombination combination = metadata.refusedCombinations().get(i);
            JsonNode json = document.get("refusedCombinations").get(i);
            assertEquals(combination.reason(), json.get("reason").asText());
            Map<String, String> when = new TreeMap<>();
            json.get("when").fields().forEachRemaining(e -> when.put(e.getKey(), e.getValue().asText()));
            assertEquals(new TreeMap<>(combination.when()), when);
        }
        assertEquals(service.archetype.coordinates().version(), document.at("/archetype/archetypeVersion").asText());
        assertEquals(service.archetype.generateGoal(), document.get("generateGoal").asText());
        for (Route route : Route.values()) {
            assertEquals(route.path, document.at("/links/" + route.linkName).asText());
        }
        assertEquals("application/json", contentType(service.get("/metadata", "Accept", "application/json")));
    }

    @Test
    void homeAnswersEachClientInItsLanguage() throws Exception {
        for (String userAgent : List.of("curl/8.5.0", "HTTPie/3.2.2")) {
            HttpResponse<byte[]> help = service.get("/", "User-Agent", userAgent);
            assertEquals(200, help.statusCode());
            assertTrue(contentType(help).startsWith("text/plain"), contentType(help));
            String text = text(help);
            for (Option option : service.archetype.metadata().options()) {
                assertTrue(text.contains("  " + option.name() + " "), option.name() + " in the help:\n" + text);
                assertTrue(text.contains(String.join(" | ", option.allowedValues())), option.name());
            }
            for (RefusedCombination combination : service.archetype.metadata().refusedCombinations()) {
                assertTrue(text.contains(combination.reason()));
            }
            assertTrue(text.contains("curl -G " + service.base + "/starter.zip"), text);
        }
        HttpResponse<byte[]> page = service.get("/", "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0",
                "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertTrue(contentType(page).startsWith("text/html"), contentType(page));
        assertTrue(text(page).contains("<form id=\"options-form\""));
        HttpResponse<byte[]> metadata = service.get("/", "User-Agent", "curl/8.5.0", "Accept", "application/json");
        assertEquals("application/json", contentType(metadata));
        assertEquals(json(service.get("/metadata")), json(metadata));
    }

    @Test
    void zipAndTgzHoldTheEnginesProjectUnderItsFolderWithModes() throws Exception {
        Map<String, String> answers = with(Map.of("framework", "plain", "database", "postgresql", "worker", "sqs"));
        GeneratedProject expected = service.archetype.generate(answers);
        List<TreeMap<String, ProjectArchives.Entry>> archives = List.of(
                ProjectArchives.ofZip(archive("/starter.zip", service.get("/starter.zip?" + query(answers)))),
                ProjectArchives.ofZip(archive("/starter.zip", service.postForm("/starter.zip", query(answers)))),
                ProjectArchives.ofTgz(archive("/starter.tgz", service.get("/starter.tgz?" + query(answers)))),
                ProjectArchives.ofTgz(archive("/starter.tgz", service.postForm("/starter.tgz", query(answers)))));
        for (TreeMap<String, ProjectArchives.Entry> entries : archives) {
            Map<String, ProjectArchives.Entry> files = new TreeMap<>();
            entries.forEach((name, entry) -> {
                assertTrue(name.startsWith("orders-api/"), name);
                if (!name.endsWith("/")) {
                    files.put(name.substring("orders-api/".length()), entry);
                } else {
                    assertEquals(ProjectArchive.FOLDER_MODE, entry.mode(), name);
                }
            });
            assertEquals(expected.files().keySet(), files.keySet());
            expected.files().forEach((path, file) -> {
                assertArrayEquals(file.content(), files.get(path).content(), path);
                assertEquals(file.executable() ? 0100755 : 0100644, files.get(path).mode(), path);
            });
            assertEquals(0100755, files.get("mvnw").mode());
            assertTrue(files.keySet().stream().filter(path -> path.startsWith("scripts/"))
                    .allMatch(path -> files.get(path).mode() == 0100755), "scripts/* executable");
        }
    }

    private static byte[] archive(String route, HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), () -> route + ": " + text(response));
        assertEquals(route.endsWith(".zip") ? "application/zip" : "application/gzip", contentType(response));
        assertEquals("attachment; filename=\"orders-api" + route.substring(route.lastIndexOf('.')) + "\"",
                response.headers().firstValue("Content-Disposition").orElse(""));
        return response.body();
    }

    @Test
    void previewShowsEveryFileWithItsText() throws Exception {
        Map<String, String> answers = with(Map.of("framework", "jersey"));
        GeneratedProject expected = service.archetype.generate(answers);
        HttpResponse<byte[]> response = service.get("/preview?" + query(answers));
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("application/json", contentType(response));
        JsonNode preview = json(response);
        assertEquals("orders-api", preview.get("folder").asText());
        Map<String, JsonNode> files = new TreeMap<>();
        preview.get("files").forEach(file -> files.put(file.get("path").asText(), file));
        assertEquals(expected.files().keySet(), files.keySet());
        expected.files().forEach((path, file) -> {
            assertEquals(new String(file.content(), StandardCharsets.UTF_8), files.get(path).get("text").asText(), path);
            assertEquals(file.executable(), files.get(path).get("executable").asBoolean(), path);
        });
    }

    /** The diff, applied with git to the base project, makes the target project: nothing missing, nothing extra. */
    @Test
    void diffAppliedToTheBaseMakesTheTarget(@TempDir Path work) throws Exception {
        Map<String, String> base = with(Map.of("framework", "springboot"));
        Map<String, String> target = with(Map.of("framework", "plain", "managedInstances", "true", "database", "none"));
        Map<String, String> parameters = new LinkedHashMap<>(target);
        parameters.put(Route.DIFF_BASE_PREFIX + "framework", "springboot");
        HttpResponse<byte[]> response = service.get("/diff?" + query(parameters));
        assertEquals(200, response.statusCode(), text(response));
        assertTrue(contentType(response).startsWith("text/x-diff"), contentType(response));
        String diff = text(response);
        assertTrue(diff.contains("diff --git a/pom.xml b/pom.xml"), diff);

        Path project = service.archetype.generate(base).writeTo(work);
        Files.writeString(work.resolve("changes.diff"), diff);
        Process apply = new ProcessBuilder("git", "apply", "--whitespace=nowarn", work.resolve("changes.diff").toString())
                .directory(project.toFile()).redirectErrorStream(true).start();
        String output = new String(apply.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, apply.waitFor(), "git apply: " + output);

        GeneratedProject expected = service.archetype.generate(target);
        Map<String, byte[]> applied = new TreeMap<>();
        try (var files = Files.walk(project)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                applied.put(project.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        assertEquals(expected.files().keySet(), applied.keySet());
        for (Map.Entry<String, ProjectFile> file : expected.files().entrySet()) {
            assertEquals(new String(file.getValue().content(), StandardCharsets.UTF_8),
                    new String(applied.get(file.getKey()), StandardCharsets.UTF_8), file.getKey());
        }
    }

    @Test
    void diffAgainstTheDefaultsByDefault() throws Exception {
        HttpResponse<byte[]> response = service.get("/diff?" + query(with(Map.of("managedInstances", "true"))));
        assertEquals(200, response.statusCode(), text(response));
        assertTrue(text(response).contains("+++ b/template.yaml"), text(response));
        HttpResponse<byte[]> none = service.get("/diff?" + query(COORDINATES));
        assertEquals("", text(none), "the defaults against themselves");
    }

    /** Each refusal is a problem whose sentences are the engine's (archetype:generate's), never an archive. */
    @Test
    void refusalsAreProblemsWithTheEnginesSentences() throws Exception {
        List<Map<String, String>> cases = List.of(
                with(Map.of("framework", "quarkus")),
                with(Map.of("framwork", "plain")),
                with(Map.of("javaVersion", "17", "managedInstances", "true")),
                with(Map.of("artifactId", "../escape")),
                with(Map.of("package", "com.example.class")));
        for (Map<String, String> answers : cases) {
            List<String> sentences = assertRefused(answers);
            for (String route : List.of("/starter.zip", "/starter.tgz", "/preview")) {
                HttpResponse<byte[]> response = service.get(route + "?" + query(answers));
                assertEquals(400, response.statusCode(), route + " " + answers);
                assertEquals(ProblemDocument.MEDIA_TYPE, contentType(response));
                JsonNode problem = json(response);
                assertEquals(400, problem.get("status").asInt());
                assertEquals(String.join(" ", sentences), problem.get("detail").asText());
                assertEquals(sentences.size(), problem.get("errors").size());
            }
        }
        JsonNode refused = json(service.get("/starter.zip?" + query(with(Map.of("javaVersion", "17", "managedInstances", "true")))));
        JsonNode named = refused.at("/errors/0/parameters");
        assertEquals(2, named.size(), refused.toString());
        assertEquals("javaVersion", named.get(0).get("name").asText());
        assertEquals("17", named.get(0).get("value").asText());
        assertTrue(named.get(0).get("allowedValues").toString().contains("21"));
    }

    private static List<String> assertRefused(Map<String, String> answers) {
        try {
            service.archetype.generate(answers);
        } catch (RefusedOptionsException refused) {
            return refused.problems();
        }
        throw new AssertionError("the engine takes " + answers);
    }

    @Test
    void unknownOrRepeatedParametersAreRefused() throws Exception {
        JsonNode unknown = json(service.get("/starter.zip?" + query(with(Map.of("colour", "blue")))));
        assertEquals(400, unknown.get("status").asInt());
        assertTrue(unknown.get("detail").asText().startsWith("Unknown parameter 'colour'. Parameters: groupId, artifactId"),
                unknown.toString());
        HttpResponse<byte[]> repeated = service.get("/starter.zip?" + query(COORDINATES) + "&framework=plain&framework=jersey");
        assertEquals(400, repeated.statusCode());
        assertTrue(json(repeated).get("detail").asText().contains("'framework' is given more than once"));
        HttpResponse<byte[]> dotted = service.get("/starter.zip?" + query(COORDINATES) + "&maven.repo.local=/tmp");
        assertEquals(400, dotted.statusCode(), "names the engine ignores are not ignored here");
    }

    @Test
    void openApiDescribesEveryRouteWithTheOptionsAsParameters() throws Exception {
        HttpResponse<byte[]> response = service.get("/openapi.json");
        assertEquals(200, response.statusCode());
        JsonNode paths = json(response).get("paths");
        for (Route route : List.of(Route.METADATA, Route.STARTER_ZIP, Route.STARTER_TGZ, Route.PREVIEW, Route.DIFF)) {
            assertTrue(paths.has(route.path), route.path);
        }
        JsonNode parameters = paths.at("/~1starter.zip/get/parameters");
        assertEquals(service.archetype.metadata().options().size(), parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            Option option = service.archetype.metadata().options().get(i);
            assertEquals(option.name(), parameters.get(i).get("name").asText());
            assertEquals(option.allowedValues().size(), parameters.get(i).at("/schema/enum").size(), option.name());
        }
    }

    @Test
    void routesAndMethodsOutsideTheApiAreProblems() throws Exception {
        HttpResponse<byte[]> missing = service.get("/starter.rar");
        assertEquals(404, missing.statusCode());
        assertEquals(ProblemDocument.MEDIA_TYPE, contentType(missing));
        HttpResponse<byte[]> post = service.postForm("/metadata", "");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        int escape = service.get("/page/..%2fGeneratorService.class").statusCode();
        assertTrue(escape == 400 || escape == 404, "a page path out of the page's files: " + escape);
        assertEquals(200, service.get("/page/app.js").statusCode());
    }
}
