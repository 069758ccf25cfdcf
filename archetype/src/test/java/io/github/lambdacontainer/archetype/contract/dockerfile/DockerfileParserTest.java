package io.github.lambdacontainer.archetype.contract.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileParserTest {

    @TempDir
    Path temp;

    private Dockerfile parse(String content) throws IOException {
        Path file = temp.resolve("Dockerfile.arm64");
        Files.writeString(file, content);
        return DockerfileParser.parse(file);
    }

    private String refusal(String content) {
        return assertThrows(AssertionError.class, () -> parse(content)).getMessage();
    }

    @Test
    void lambdaImageGetsTheBaseImagesTaskRootAndExpandsArgAndEnv() throws IOException {
        Dockerfile dockerfile = parse("""
                # syntax=docker/dockerfile:1
                ARG JAVA=25
                FROM --platform=linux/arm64 public.ecr.aws/lambda/java:${JAVA}
                ENV JAVA_TOOL_OPTIONS="-XX:+TieredCompilation -XX:TieredStopAtLevel=1" \\
                    APP_HOME=$LAMBDA_TASK_ROOT/app QUOTED='$NOT_EXPANDED'
                ENV LEGACY value with spaces
                COPY target/classes ${LAMBDA_TASK_ROOT}
                COPY --chown=1000 target/lib ${LAMBDA_TASK_ROOT}/lib/
                CMD [ "com.example.LambdaHandler::handleRequest" ]
                """);

        assertEquals("public.ecr.aws/lambda/java:25", dockerfile.baseImage());
        assertEquals("linux/arm64", dockerfile.platform());
        assertEquals("/var/task", dockerfile.workdir());
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", dockerfile.env().get("JAVA_TOOL_OPTIONS"));
        assertEquals("/var/task/app", dockerfile.env().get("APP_HOME"));
        assertEquals("$NOT_EXPANDED", dockerfile.env().get("QUOTED"));
        assertEquals("value with spaces", dockerfile.env().get("LEGACY"));
        assertEquals(List.of(new Dockerfile.Copy(7, List.of("target/classes"), "/var/task", false),
                new Dockerfile.Copy(8, List.of("target/lib"), "/var/task/lib", true)), dockerfile.copies());
        assertEquals(List.of("com.example.LambdaHandler::handleRequest"), dockerfile.cmd());
        assertEquals(9, dockerfile.cmdLine());
    }

    @Test
    void shellFormCmdRunsThroughTheShellAndRelativeCopyUsesWorkdir() throws IOException {
        Dockerfile dockerfile = parse("""
                FROM eclipse-temurin:25-jre AS runtime
                WORKDIR /app
                COPY target/classes classes
                EXPOSE 8080/tcp
                CMD java -cp /app/classes com.example.Application
                """);

        assertEquals("/app/classes", dockerfile.copies().getFirst().destination());
        assertTrue(dockerfile.cmdShellForm());
        assertEquals(List.of("/bin/sh", "-c", "java -cp /app/classes com.example.Application"), dockerfile.cmd());
        assertEquals(java.util.Set.of(8080), dockerfile.exposedPorts());
        assertEquals("25-jre", dockerfile.baseImageTag().orElseThrow());
    }

    @Test
    void keepsExecFormBuildStepsAndEntryPointWithTheirLines() throws IOException {
        Dockerfile dockerfile = parse("""
                FROM public.ecr.aws/lambda/java:25
                COPY start.sh ${LAMBDA_TASK_ROOT}/
                RUN [ "/bin/sh", "/var/task/start.sh", "--train" ]
                ENTRYPOINT [ "/bin/sh", "/var/task/start.sh" ]
                CMD [ "com.example.LambdaHandler::handleRequest" ]
                """);

        assertEquals(List.of(new Dockerfile.Run(3, List.of("/bin/sh", "/var/task/start.sh", "--train"))), dockerfile.runs());
        assertEquals(List.of("/bin/sh", "/var/task/start.sh"), dockerfile.entrypoint());
        assertEquals(4, dockerfile.entrypointLine());
        assertEquals(List.of("com.example.LambdaHandler::handleRequest"), dockerfile.cmd());
    }

    @Test
    void refusesWhatCannotBeEmulatedNamingFileLineAndInstruction() {
        assertTrue(refusal("FROM public.ecr.aws/lambda/java:25\nRUN yum install -y git\n")
                .startsWith("Dockerfile.arm64:2: RUN is in shell form"));
        assertTrue(refusal("FROM public.ecr.aws/lambda/java:25\nENTRYPOINT /bin/sh /var/task/start.sh\n")
                .startsWith("Dockerfile.arm64:2: ENTRYPOINT is in shell form, which ignores CMD"));
        assertTrue(refusal("FROM public.ecr.aws/lambda/java:25\nRUN [\"/bin/sh\", \"/var/task/a.sh\"]\nCOPY a.sh /var/task/\n")
                .startsWith("Dockerfile.arm64:3: COPY comes after a RUN"));
        assertTrue(refusal("FROM public.ecr.aws/lambda/java:25\nCOPY --from=build /out /var/task\n")
                .startsWith("Dockerfile.arm64:2: COPY copies from another image or stage (--from=build)"));
        assertTrue(refusal("FROM public.ecr.aws/lambda/java:25\n\nHEALTHCHECK NONE\n")
                .startsWith("Dockerfile.arm64:3: HEALTHCHECK is not an instruction"));
        assertTrue(refusal("FROM maven:3 AS build\nFROM public.ecr.aws/lambda/java:25\n")
                .startsWith("Dockerfile.arm64:2: FROM starts a second build stage"));
        assertTrue(refusal("CMD [\"x\"]\n").startsWith("Dockerfile.arm64:1: CMD comes before FROM"));
        assertTrue(refusal("FROM public.ecr.aws/lambda/java:25\nCMD [\"unterminated\"\n")
                .contains("CMD starts with `[` but is not a JSON array of strings"));
    }
}
