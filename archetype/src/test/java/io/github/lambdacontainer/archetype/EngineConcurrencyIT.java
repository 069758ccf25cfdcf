package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lambdacontainer.engine.Archetype;
import io.github.lambdacontainer.engine.GeneratedProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One Archetype serves many generations at once (the service shares one): each makes its own project. */
class EngineConcurrencyIT {

    private static final List<Map<String, String>> ANSWERS = List.of(
            Map.of("groupId", "com.example", "artifactId", "one"),
            Map.of("groupId", "org.acme", "artifactId", "two", "framework", "plain", "api", "http", "database", "none"),
            Map.of("groupId", "io.shop", "artifactId", "three", "framework", "jersey", "worker", "sqs", "snapStart", "true"));

    @Test
    void overlappingGenerationsEachMakeWhatOneAloneMakes() throws Exception {
        try (Archetype archetype = Archetype.open(Path.of(System.getProperty("archetype.jar")))) {
            List<GeneratedProject> alone = new ArrayList<>();
            for (Map<String, String> answers : ANSWERS) {
                alone.add(archetype.generate(answers));
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<GeneratedProject>> overlapping = new ArrayList<>();
                for (int i = 0; i < 96; i++) {
                    Map<String, String> answers = ANSWERS.get(i % ANSWERS.size());
                    overlapping.add(pool.submit(() -> archetype.generate(answers)));
                }
                for (int i = 0; i < overlapping.size(); i++) {
                    GeneratedProject expected = alone.get(i % ANSWERS.size());
                    GeneratedProject made = overlapping.get(i).get();
                    assertEquals(expected.files().keySet(), made.files().keySet());
                    expected.files().forEach((name, file) -> assertArrayEquals(file.content(),
                            made.files().get(name).content(), name));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
