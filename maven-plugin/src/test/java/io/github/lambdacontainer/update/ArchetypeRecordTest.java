package io.github.lambdacontainer.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading .mvn/archetype.properties, and refusing with what to do when it cannot serve. */
class ArchetypeRecordTest {

    private static final String RECORD = """
            # What made this project: the archetype and every option it was generated with.
            archetypeGroupId=io.github.lambdacontainer
            archetypeArtifactId=lambda-container-archetype
            archetypeVersion=1.2.0
            groupId=com.example
            artifactId=orders
            version=1.0.0-SNAPSHOT
            package=com.example.orders
            api=rest
            """;

    @TempDir
    Path project;

    @Test
    void theRecordGivesTheArchetypeAndTheAnswers() throws Exception {
        write(RECORD);
        ArchetypeRecord record = ArchetypeRecord.read(project);
        assertEquals("io.github.lambdacontainer:lambda-container-archetype:1.2.0", record.coordinates());
        assertEquals(Map.of("groupId", "com.example", "artifactId", "orders", "version", "1.0.0-SNAPSHOT",
                "package", "com.example.orders", "api", "rest"), record.answers());
        assertEquals("http", record.answersWith(Map.of("api", "http")).get("api"));
    }

    @Test
    void aMissingRecordIsRefusedSayingWhatToDo() {
        UpdateRefusedException refused = assertThrows(UpdateRefusedException.class, () -> ArchetypeRecord.read(project));
        assertTrue(refused.getMessage().startsWith("This project has no .mvn/archetype.properties, so it is not known "
                + "which archetype version and options made it."), refused.getMessage());
        assertTrue(refused.getMessage().contains("docs/updating.md"), refused.getMessage());
    }

    @Test
    void aRecordWithoutTheArchetypeVersionIsRefusedNamingTheKey() throws Exception {
        write(RECORD.replace("archetypeVersion=1.2.0\n", "").replace("artifactId=orders\n", "artifactId= \n"));
        UpdateRefusedException refused = assertThrows(UpdateRefusedException.class, () -> ArchetypeRecord.read(project));
        assertTrue(refused.getMessage().startsWith(".mvn/archetype.properties has no value for archetypeVersion, artifactId."),
                refused.getMessage());
    }

    @Test
    void anUnreadableRecordIsRefused() throws Exception {
        write("archetypeGroupId=\\u00zz\n");
        UpdateRefusedException refused = assertThrows(UpdateRefusedException.class, () -> ArchetypeRecord.read(project));
        assertTrue(refused.getMessage().startsWith(".mvn/archetype.properties cannot be read"), refused.getMessage());
    }

    @Test
    void versionsCompareAsMavenComparesThem() {
        assertTrue(ArchetypeRepository.compare("1.10.0", "1.9.0") > 0);
        assertTrue(ArchetypeRepository.compare("1.0.0", "1.0.0-SNAPSHOT") > 0);
        assertEquals(0, ArchetypeRepository.compare("1.0", "1.0.0"));
    }

    private void write(String content) throws IOException {
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(ArchetypeRecord.PATH), content);
    }
}
