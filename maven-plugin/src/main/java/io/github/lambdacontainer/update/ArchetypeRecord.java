package io.github.lambdacontainer.update;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What made a project, as its {@code .mvn/archetype.properties} records it: the archetype's
 * coordinates and the answers (groupId, artifactId, version, package and every option), with the
 * names {@code archetype:generate -D...} takes. The archetype's post-generate rules write it.
 */
public record ArchetypeRecord(String archetypeGroupId, String archetypeArtifactId, String archetypeVersion,
        Map<String, String> answers) {

    public static final String PATH = ".mvn/archetype.properties";
    static final String GROUP_ID = "archetypeGroupId";
    static final String ARTIFACT_ID = "archetypeArtifactId";
    static final String VERSION = "archetypeVersion";
    /** The project's coordinates and package: answers every archetype takes, which an update never changes. */
    static final List<String> PROJECT_IDENTITY = List.of("groupId", "artifactId", "version", "package");

    public ArchetypeRecord {
        answers = Map.copyOf(answers);
    }

    /** Reads the project's record; refuses, saying what to do, when it is missing or lacks a key. */
    public static ArchetypeRecord read(Path project) throws UpdateRefusedException {
        Path file = project.resolve(PATH);
        if (!Files.isRegularFile(file)) {
            throw new UpdateRefusedException("This project has no " + PATH + ", so it is not known which archetype "
                    + "version and options made it. Generate a project with the same options from the archetype "
                    + "version this one was made from and copy its " + PATH + " here, fixing any option you "
                    + "changed since (docs/updating.md, \"What is recorded\").");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new UpdateRefusedException(PATH + " cannot be read (" + e.getMessage() + "). Restore it from git "
                    + "(git checkout -- " + PATH + ") or rewrite it as docs/updating.md shows.");
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of(GROUP_ID, ARTIFACT_ID, VERSION, "groupId", "artifactId", "version")) {
            if (properties.getProperty(key, "").isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new UpdateRefusedException(PATH + " has no value for " + String.join(", ", missing)
                    + ". Restore it from git (git checkout -- " + PATH + ") or add the missing keys as "
                    + "docs/updating.md shows.");
        }
        Map<String, String> answers = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!List.of(GROUP_ID, ARTIFACT_ID, VERSION).contains(key)) {
                answers.put(key, properties.getProperty(key).strip());
            }
        }
        return new ArchetypeRecord(properties.getProperty(GROUP_ID).strip(), properties.getProperty(ARTIFACT_ID).strip(),
                properties.getProperty(VERSION).strip(), answers);
    }

    public String coordinates() {
        return archetypeGroupId + ":" + archetypeArtifactId + ":" + archetypeVersion;
    }

    /** The recorded answers with the given ones replacing theirs. */
    public Map<String, String> answersWith(Map<String, String> changes) {
        Map<String, String> changed = new LinkedHashMap<>(answers);
        changed.putAll(changes);
        return changed;
    }
}
