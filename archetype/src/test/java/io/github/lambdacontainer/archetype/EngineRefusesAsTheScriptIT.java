package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lambdacontainer.engine.RefusedOptionsException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The engine refuses every case of refused-options.csv with the sentence archetype-post-generate.groovy
 * fails with (PostGenerateValidationTest runs the same cases through the script), reading the archetype
 * jar as built.
 */
class EngineRefusesAsTheScriptIT extends ReadsTheBuiltArchetype {


    @ParameterizedTest(name = "{0} {1}")
    @CsvFileSource(resources = RefusedOptionsCase.CASES, delimiter = '|')
    void refusesWithTheScriptsSentence(String options, String otherNames, String message) {
        RefusedOptionsCase refused = RefusedOptionsCase.of(options, otherNames);
        Map<String, String> answers = new HashMap<>(Map.of("groupId", "com.example", "artifactId", "app",
                "package", "com.example.app"));
        answers.putAll(refused.options());
        answers.putAll(refused.otherNames());

        var failure = assertThrows(RefusedOptionsException.class, () -> archetype.generate(answers));

        assertEquals(message, failure.getMessage());
    }
}
