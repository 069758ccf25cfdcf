package io.github.lambdacontainer.archetype;

import io.github.lambdacontainer.engine.Archetype;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The engine's checks against the archetype jar this build made ({@code -Darchetype.jar}, set by
 * failsafe): opened once per test class, closed after it.
 */
abstract class ReadsTheBuiltArchetype {

    static Archetype archetype;

    @BeforeAll
    static void openTheBuiltArchetype() throws IOException {
        archetype = Archetype.open(Path.of(System.getProperty("archetype.jar")));
    }

    @AfterAll
    static void closeTheBuiltArchetype() {
        archetype.close();
    }
}
