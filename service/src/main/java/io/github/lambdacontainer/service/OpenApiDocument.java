package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.ArchetypeCoordinates;
import io.github.lambdacontainer.engine.Metadata;
import io.github.lambdacontainer.engine.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /openapi.json: OpenAPI 3.1 of the API, its routes from {@link Route}, its parameters from the metadata. */
final class OpenApiDocument {

    private OpenApiDocument() {}

    static String json(ArchetypeCoordinates coordinates, Metadata metadata) {
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put(Route.METADATA.path, Map.of("get", operation("The options, their values and defaults, and the refused combinations",
                List.of(), MetadataDocument.MEDIA_TYPE)));
        paths.put(Route.STARTER_ZIP.path, Map.of("get", operation("The project as a zip", options(metadata, ""), "application/zip"),
                "post", withForm(operation("The project as a zip", List.of(), "application/zip"), metadata)));
        paths.put(Route.STARTER_TGZ.path, Map.of("get", operation("The project as a gzipped tar", options(metadata, ""), "application/gzip"),
                "post", withForm(operation("The project as a gzipped tar", List.of(), "application/gzip"), metadata)));
        paths.put(Route.PREVIEW.path, Map.of("get", operation("Every file of the project with its text", options(metadata, ""), "application/json")));
        List<Object> diffParameters = new ArrayList<>(options(metadata, ""));
        diffParameters.addAll(options(metadata, Route.DIFF_BASE_PREFIX));
        paths.put(Route.DIFF.path, Map.of("get", operation("A unified diff from the base option set (" + Route.DIFF_BASE_PREFIX
                + "NAME) to the target (NAME)", diffParameters, "text/x-diff")));

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", coordinates.artifactId() + " generator", "version", coordinates.version()));
        document.put("paths", paths);
        return Json.write(document);
    }

    private static List<Object> options(Metadata metadata, String prefix) {
        List<Object> parameters = new ArrayList<>();
        for (Option option : metadata.options()) {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", prefix + option.name());
            parameter.put("in", "query");
            parameter.put("description", option.description());
            parameter.put("required", prefix.isEmpty() && option.defaultValue() == null);
            parameter.put("schema", schema(option));
            parameters.add(parameter);
        }
        return parameters;
    }

    private static Map<String, Object> schema(Option option) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        if (!option.allowedValues().isEmpty()) {
            schema.put("enum", option.allowedValues());
        }
        if (option.defaultValue() != null) {
            schema.put("default", option.defaultValue());
        }
        return schema;
    }

    private static Map<String, Object> operation(String summary, List<Object> parameters, String mediaType) {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", summary, "content", Map.of(mediaType, Map.of())));
        responses.put("400", Map.of("description", "A bad value, a misspelt or unknown name, a refused combination",
                "content", Map.of(ProblemDocument.MEDIA_TYPE, Map.of())));
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("summary", summary);
        operation.put("parameters", parameters);
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> withForm(Map<String, Object> operation, Metadata metadata) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Option option : metadata.options()) {
            properties.put(option.name(), schema(option));
        }
        operation.put("requestBody", Map.of("content", Map.of("application/x-www-form-urlencoded",
                Map.of("schema", Map.of("type", "object", "properties", properties)))));
        return operation;
    }
}
