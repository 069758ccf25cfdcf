package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.Archetype;
import io.github.lambdacontainer.engine.ArchetypeCoordinates;
import io.github.lambdacontainer.engine.Metadata;
import io.github.lambdacontainer.engine.Option;
import io.github.lambdacontainer.engine.RefusedCombination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /metadata: the engine's metadata of the archetype as JSON, and the service's links. Nothing else. */
final class MetadataDocument {

    static final String MEDIA_TYPE = "application/vnd.lambdacontainer.metadata.v1+json";

    private MetadataDocument() {}

    static String json(Archetype source) {
        ArchetypeCoordinates coordinates = source.coordinates();
        Metadata metadata = source.metadata();
        // Named as archetype:generate takes them (-DarchetypeGroupId=...), so a client writes the command from
        // them and generateGoal.
        Map<String, Object> archetype = new LinkedHashMap<>();
        archetype.put("archetypeGroupId", coordinates.groupId());
        archetype.put("archetypeArtifactId", coordinates.artifactId());
        archetype.put("archetypeVersion", coordinates.version());

        List<Object> options = new ArrayList<>();
        for (Option option : metadata.options()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", option.name());
            json.put("description", option.description());
            json.put("values", option.allowedValues());
            json.put("default", option.defaultValue());
            json.put("required", option.defaultValue() == null);
            options.add(json);
        }
        List<Object> refused = new ArrayList<>();
        for (RefusedCombination combination : metadata.refusedCombinations()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("when", new LinkedHashMap<>(combination.when()));
            json.put("reason", combination.reason());
            refused.add(json);
        }
        Map<String, Object> links = new LinkedHashMap<>();
        for (Route route : Route.values()) {
            links.put(route.linkName, route.path);
        }
        links.put("diffBasePrefix", Route.DIFF_BASE_PREFIX);

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("archetype", archetype);
        document.put("generateGoal", source.generateGoal());
        document.put("options", options);
        document.put("refusedCombinations", refused);
        document.put("links", links);
        return Json.write(document);
    }
}
