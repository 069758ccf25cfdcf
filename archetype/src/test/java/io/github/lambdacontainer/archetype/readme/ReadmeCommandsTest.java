package io.github.lambdacontainer.archetype.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How README commands are read, and that every command the READMEs show has a rule (ReadmeCommandsIT). */
class ReadmeCommandsTest {

    private static final Path GENERATED_README = Path.of("src/main/resources/archetype-resources/README.md");

    @Test
    void shellBlocksAreCommandsWithoutCommentsAndWithContinuationsJoined() {
        String markdown = """
                ```sh
                ./generate-project.sh -DartifactId=x   # a comment
                # a whole-line comment

                aws sqs send-message --queue-url "$(aws x \\
                  --query 'a # not a comment')" \\
                  --message-body '{}'
                ```
                ```json
                {"not": "a command"}
                ```
                   ```sh
                   serverless deploy --stage prod
                   ```
                """;
        List<ReadmeCommands.Group> groups = ReadmeCommands.shellBlocks(markdown, "R.md");
        assertEquals(List.of(
                new ReadmeCommands.Group("R.md, sh block 1", List.of("./generate-project.sh -DartifactId=x",
                        "aws sqs send-message --queue-url \"$(aws x --query 'a # not a comment')\" --message-body '{}'")),
                new ReadmeCommands.Group("R.md, sh block 2", List.of("serverless deploy --stage prod"))), groups);
    }

    @Test
    void aTableCellIsItsFirstBacktickedCommandAndEachThenAfterIt() {
        String markdown = """
                Commands
                --------

                | what | command |
                |---|---|
                | build | `./mvnw verify` |
                | run | `scripts/run-local.sh`, then `curl 'localhost:8080/hello?name=x'` |
                | image | `scripts/build-image.sh arm64` (or `x86_64`) |
                | from CI | push to `main`, once the variables are set |

                | other | table |
                """;
        assertEquals(List.of(
                new ReadmeCommands.Group("R.md, Commands: build", List.of("./mvnw verify")),
                new ReadmeCommands.Group("R.md, Commands: run", List.of("scripts/run-local.sh",
                        "curl 'localhost:8080/hello?name=x'")),
                new ReadmeCommands.Group("R.md, Commands: image", List.of("scripts/build-image.sh arm64")),
                new ReadmeCommands.Group("R.md, Commands: from CI", List.of())),
                ReadmeCommands.commandTable(markdown, "R.md", "Commands"));
    }

    @Test
    void aServerAndTheRequestsAfterItAreOneStep() {
        assertEquals(List.of(List.of("cd ../x"), List.of("./mvnw verify"),
                        List.of("scripts/run-local.sh", "curl 'localhost:8080/'", "curl localhost:8080/hello"),
                        List.of("docker run --rm -p 9000:8080 x:arm64", "scripts/invoke.sh events/a.json")),
                ReadmeCommands.steps(List.of("cd ../x", "./mvnw verify", "scripts/run-local.sh", "curl 'localhost:8080/'",
                        "curl localhost:8080/hello", "docker run --rm -p 9000:8080 x:arm64", "scripts/invoke.sh events/a.json")));
    }

    @Test
    void rulesGoByTheFirstWordsAfterAssignments() {
        assertEquals(Optional.of(CommandRule.THIS_BUILD), CommandRule.of("JAVA_HOME=/jdk mvn -B verify"));
        assertEquals(Optional.of(CommandRule.DOCKER_RUN), CommandRule.of("docker run --rm -p 9000:8080 x:arm64"));
        assertEquals(Optional.of(CommandRule.DOCKER), CommandRule.of("docker buildx build ."));
        assertEquals(Optional.of(CommandRule.JAR_SERVER), CommandRule.of("java -jar service/target/service.jar"));
        assertEquals(Optional.of(CommandRule.MAVEN), CommandRule.of("mvn -B -pl service package"));
        assertEquals(Optional.empty(), CommandRule.of("make all"));
    }

    /** A README command without a rule would fail ReadmeCommandsIT late in the build; say so here first. */
    @Test
    void everyCommandTheReadmesShowHasARule() throws IOException {
        List<ReadmeCommands.Group> groups = new ArrayList<>(ReadmeCommands.shellBlocks(Files.readString(Path.of("../README.md")),
                "README.md"));
        // The template's rows of every variant: its Velocity directive lines would end the table early.
        String generated = Files.readString(GENERATED_README).replaceAll("(?m)^\\s*#(if|elseif|else|end|set)\\b.*\\R", "");
        groups.addAll(ReadmeCommands.commandTable(generated, GENERATED_README.toString(), "Commands"));
        groups.addAll(ReadmeCommands.shellBlocks(generated, GENERATED_README.toString()));
        List<String> unknown = new ArrayList<>();
        int commands = 0;
        for (ReadmeCommands.Group group : groups) {
            for (String line : group.lines()) {
                for (String part : line.split(" && ")) {
                    commands++;
                    if (CommandRule.of(part).isEmpty()) {
                        unknown.add(group.where() + ": " + part);
                    }
                }
            }
        }
        assertTrue(commands >= 8, "commands found: " + commands);
        assertTrue(unknown.isEmpty(), "commands no CommandRule knows:\n" + String.join("\n", unknown));
    }
}
