package io.github.lambdacontainer.archetype.readme;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How ReadmeCommandsIT runs each command a README shows, chosen by the command's first words
 * (after any {@code NAME=value} assignments); the first rule that matches wins. A command no rule
 * knows fails the test: add a rule here rather than leave it unchecked.
 */
public enum CommandRule {

    CHANGE_DIRECTORY(Handling.CHANGE_DIRECTORY, "changes the directory the next commands run in", "cd"),
    GENERATE_PROJECT(Handling.RUN, "run in the fresh clone; must exit 0", "./generate-project.sh"),
    MAVEN_WRAPPER(Handling.RUN, "run in the project; must exit 0", "./mvnw"),
    THIS_BUILD(Handling.NOT_RUN, "not run: it is the build that runs this test", "mvn", "-B", "verify"),
    MAVEN(Handling.RUN, "run (e.g. building a module before java -jar starts it); must exit 0", "mvn"),
    LOCAL_SERVER(Handling.SERVER, "started in the background with PORT set to a free port; must listen on it; "
            + "stopped after the last command of its block", "scripts/run-local.sh"),
    JAR_SERVER(Handling.SERVER, "started as scripts/run-local.sh is", "java", "-jar"),
    HTTP_REQUEST(Handling.HTTP_REQUEST, "sent to the server started before it in its block (localhost:8080 becomes "
            + "that server's port); must answer 2xx, and /hello?name=X with {\"message\":\"hello, X!\"}", "curl"),
    DOCKER_RUN(Handling.FUNCTION, "the image's function started as docker run starts it, behind the base image's "
            + "emulator, as the container contract lays images out (no Docker engine needed; the image of this "
            + "machine's CPU where the command names the other: the same code)", "docker", "run"),
    INVOKE_SCRIPT(Handling.INVOCATION, "run with RIE_URL set to the emulator of the function started before it in "
            + "its block (docker run -p 9000:8080 publishes it on localhost:9000); the answer it prints must meet "
            + "events/expected.json", "scripts/invoke.sh"),
    DOCKER(Handling.NOT_RUN, "not run: needs Docker", "docker"),
    IMAGE_BUILD(Handling.NOT_RUN, "not run: needs Docker (docker buildx build)", "scripts/build-image.sh"),
    SMOKE_TEST(Handling.NOT_RUN, "not run: needs Docker (it starts the image); the build runs the same script with --url "
            + "against each function started the docker run way (container contract, LambdaEntryPointIT)", "scripts/smoke-test.sh"),
    SAM(Handling.NOT_RUN, "not run: needs AWS (and Docker to build)", "sam"),
    AWS_CLI(Handling.NOT_RUN, "not run: needs AWS", "aws"),
    SERVERLESS(Handling.NOT_RUN, "not run: needs AWS (and Docker to build)", "serverless");

    /** What the test does with a command of a rule. */
    public enum Handling {
        CHANGE_DIRECTORY,
        /** Runs to its end; must exit 0. */
        RUN,
        /** Starts a server that lives until the end of its block. */
        SERVER,
        /** Asks the server of its block. */
        HTTP_REQUEST,
        /** Starts the Lambda function of an image that lives until the end of its block. */
        FUNCTION,
        /** Invokes the function of its block. */
        INVOCATION,
        /** Listed with the reason, not run. */
        NOT_RUN
    }

    private final Handling handling;
    private final String check;
    private final List<String> firstWords;

    CommandRule(Handling handling, String check, String... firstWords) {
        this.handling = handling;
        this.check = check;
        this.firstWords = List.of(firstWords);
    }

    public Handling handling() {
        return handling;
    }

    /** What the test does with the command and what it must do to pass, in a sentence. */
    public String check() {
        return check;
    }

    /** The words a command starts with for this rule, e.g. {@code docker run}. */
    public String firstWords() {
        return String.join(" ", firstWords);
    }

    /** The rule of one simple command (no {@code &&}); empty when no rule knows it. */
    public static Optional<CommandRule> of(String command) {
        List<String> words = withoutAssignments(ReadmeCommands.words(command));
        return Arrays.stream(values())
                .filter(rule -> words.size() >= rule.firstWords.size()
                        && words.subList(0, rule.firstWords.size()).equals(rule.firstWords))
                .findFirst();
    }

    /** The command's words after its leading {@code NAME=value} environment assignments. */
    public static List<String> withoutAssignments(List<String> words) {
        int first = 0;
        while (first < words.size() && words.get(first).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            first++;
        }
        return words.subList(first, words.size());
    }
}
