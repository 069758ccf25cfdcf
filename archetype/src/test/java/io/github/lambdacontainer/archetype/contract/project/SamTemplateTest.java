package io.github.lambdacontainer.archetype.contract.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.archetype.contract.project.SamTemplate.HttpWayIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How HTTP requests reach each function of a template, and in which payload format. */
class SamTemplateTest {

    @TempDir
    Path directory;

    @Test
    void restApiEventsDeliverPayload1AndHttpApiEventsPayload2UnlessTheySayOtherwise() throws IOException {
        SamTemplate.ImageFunction function = onlyFunction("""
                      Events:
                        Root:
                          Type: Api
                          Properties: {Path: /, Method: ANY}
                        Proxy:
                          Type: HttpApi
                          Properties: {Path: "/{proxy+}", Method: ANY}
                        Legacy:
                          Type: HttpApi
                          Properties: {PayloadFormatVersion: "1.0"}
                """);

        assertEquals(List.of(new HttpWayIn("Api event Root", "1.0"), new HttpWayIn("HttpApi event Proxy", "2.0"),
                new HttpWayIn("HttpApi event Legacy", "1.0")), function.httpWaysIn());
        assertTrue(function.receivesHttp());
        assertFalse(function.hasFunctionUrl());
    }

    @Test
    void functionUrlDeliversPayload2WithoutAnyEvent() throws IOException {
        SamTemplate.ImageFunction function = onlyFunction("""
                      FunctionUrlConfig:
                        AuthType: !Ref FunctionUrlAuthType
                        Cors:
                          AllowOrigins: !Split [",", !Ref CorsAllowedOrigins]
                """);

        assertEquals(List.of(new HttpWayIn(HttpWayIn.FUNCTION_URL, "2.0")), function.httpWaysIn());
        assertEquals(List.of(), function.eventTypes());
        assertTrue(function.hasFunctionUrl());
        assertEquals("function URL (payload 2.0)", function.httpWaysIn().getFirst().toString());
    }

    @Test
    void queueWorkerReceivesNoHttpRequest() throws IOException {
        SamTemplate.ImageFunction function = onlyFunction("""
                      Events:
                        Orders:
                          Type: SQS
                          Properties: {Queue: !GetAtt OrderQueue.Arn}
                """);

        assertFalse(function.receivesHttp());
        assertTrue(function.readsSqs());
    }

    @Test
    void capacityProviderConfigGivesThePerEnvironmentMaxConcurrency() throws IOException {
        SamTemplate.ImageFunction function = onlyFunction("""
                      CapacityProviderConfig:
                        Arn: !GetAtt CapacityProvider.Arn
                        PerExecutionEnvironmentMaxConcurrency: 32
                """);

        assertEquals(Optional.of(32), function.maxConcurrency());
    }

    @Test
    void functionWithoutCapacityProviderHasNoMaxConcurrency() throws IOException {
        assertEquals(Optional.empty(), onlyFunction("      MemorySize: 512\n").maxConcurrency());
    }

    @Test
    void maxConcurrencyThatIsNoLiteralNumberIsRefused() {
        AssertionError refused = assertThrows(AssertionError.class, () -> onlyFunction("""
                      CapacityProviderConfig:
                        Arn: !GetAtt CapacityProvider.Arn
                        PerExecutionEnvironmentMaxConcurrency: !Ref MaxConcurrency
                """));

        assertTrue(refused.getMessage().contains("function ApiFunction must set CapacityProviderConfig."
                + "PerExecutionEnvironmentMaxConcurrency to a literal number"), refused.getMessage());
    }

    private SamTemplate.ImageFunction onlyFunction(String properties) throws IOException {
        Path file = directory.resolve("template.yaml");
        Files.writeString(file, """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ApiFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      Architectures: [arm64]
                %s    Metadata:
                      Dockerfile: Dockerfile.arm64
                """.formatted(properties));
        List<SamTemplate.ImageFunction> functions = SamTemplate.load(file).imageFunctions();
        assertEquals(1, functions.size());
        return functions.getFirst();
    }
}
