package io.github.lambdacontainer.archetype.contract.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdacontainer.archetype.RequiredChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema check itself: needs the schema directory (-Dtemplate.schemas=DIR), else skipped. */
class TemplateSchemasTest {

    private static TemplateSchemas schemas;

    @TempDir
    Path directory;

    @BeforeAll
    static void loadSchemas() throws IOException {
        String location = System.getProperty("template.schemas", "");
        RequiredChecks.assume(RequiredChecks.TEMPLATE_SCHEMAS, !location.isBlank(),
                () -> "no schema directory given (-Dtemplate.schemas=DIR)");
        schemas = TemplateSchemas.load(Path.of(location));
    }

    @Test
    void imageFunctionTemplateIsValid() throws IOException {
        assertEquals(List.of(), schemas.problems(template("arm64", "JSON")));
    }

    @Test
    void unknownArchitectureIsReported() throws IOException {
        List<String> problems = schemas.problems(template("sparc", "JSON"));

        assertTrue(problems.stream().anyMatch(p -> p.contains("Architectures") || p.contains("sparc")), problems.toString());
    }

    @Test
    void unknownLogFormatIsReportedByTheLambdaSchema() throws IOException {
        List<String> problems = schemas.problems(template("arm64", "XML"));

        assertTrue(problems.stream().anyMatch(p -> p.startsWith("AWS::Lambda::Function schema, ApiFunction")), problems.toString());
    }

    @Test
    void capacityProviderAndItsFunctionInSamsShapeAreValid() throws IOException {
        assertEquals(List.of(), schemas.problems(managedInstancesTemplate(16)));
    }

    @Test
    void perEnvironmentConcurrencyOutsideLambdasRangeIsReportedBySam() throws IOException {
        List<String> problems = schemas.problems(managedInstancesTemplate("sixteen"));

        assertTrue(problems.stream().anyMatch(p -> p.startsWith("SAM schema")), problems.toString());
    }

    @Test
    void shortFormIntrinsicsBecomeTheirJsonForm() throws IOException {
        var json = TemplateSchemas.toJson(template("arm64", "JSON"));

        assertEquals(Map.of("Ref", "Origins"),
                Map.of("Ref", json.at("/Resources/ApiFunction/Properties/Environment/Variables/CORS_ALLOWED_ORIGINS/Ref").asText()));
        assertEquals("ApiFunction", json.at("/Outputs/FunctionArn/Value/Fn::GetAtt/0").asText());
    }

    @Test
    void conditionalVpcConfigIsValidInBothDeploys() throws IOException {
        assertEquals(List.of(), schemas.problems(conditionalVpcTemplate("SubnetIds")));
    }

    @Test
    void conditionalVpcConfigIsCheckedInTheDeployThatGivesItsParameters() throws IOException {
        List<String> problems = schemas.problems(conditionalVpcTemplate("SubnetId"));

        assertTrue(problems.stream().anyMatch(p -> p.startsWith("AWS::Lambda::Function schema, ApiFunction (with VpcSubnetIds")
                && p.contains("SubnetId")), problems.toString());
    }

    @Test
    void deployedTemplatePicksTheBranchItsParametersChoose() throws IOException {
        JsonNode json = TemplateSchemas.toJson(conditionalVpcTemplate("SubnetIds"));

        assertFalse(new DeployedTemplate(json, Map.of()).properties("ApiFunction").orElseThrow().has("VpcConfig"));
        JsonNode inVpc = new DeployedTemplate(json, Map.of("VpcSubnetIds", "subnet-1,subnet-2")).properties("ApiFunction")
                .orElseThrow();
        assertEquals("{\"SubnetIds\":[\"subnet-1\",\"subnet-2\"],\"SecurityGroupIds\":[\"sg-1\"]}",
                inVpc.get("VpcConfig").toString());
    }

    private Path conditionalVpcTemplate(String subnetsProperty) throws IOException {
        Path file = directory.resolve("vpc.yaml");
        Files.writeString(file, """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  VpcSubnetIds:
                    Type: CommaDelimitedList
                    Default: ""
                Conditions:
                  InVpc: !Not [!Equals [!Join ["", !Ref VpcSubnetIds], ""]]
                Resources:
                  ApiFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      VpcConfig: !If
                        - InVpc
                        - %s: !Ref VpcSubnetIds
                          SecurityGroupIds: [sg-1]
                        - !Ref AWS::NoValue
                    Metadata:
                      Dockerfile: Dockerfile.arm64
                      DockerContext: .
                """.formatted(subnetsProperty));
        return file;
    }

    private Path managedInstancesTemplate(Object perEnvironmentConcurrency) throws IOException {
        Path file = directory.resolve("managed-instances.yaml");
        Files.writeString(file, """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Subnets:
                    Type: List<AWS::EC2::Subnet::Id>
                  SecurityGroups:
                    Type: List<AWS::EC2::SecurityGroup::Id>
                Resources:
                  CapacityProvider:
                    Type: AWS::Serverless::CapacityProvider
                    Properties:
                      VpcConfig:
                        SubnetIds: !Ref Subnets
                        SecurityGroupIds: !Ref SecurityGroups
                      InstanceRequirements:
                        Architectures: [arm64]
                      ScalingConfig:
                        MaxVCpuCount: 32
                  ApiFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      Architectures: [arm64]
                      MemorySize: 2048
                      AutoPublishAlias: live
                      CapacityProviderConfig:
                        Arn: !GetAtt CapacityProvider.Arn
                        PerExecutionEnvironmentMaxConcurrency: %s
                        ExecutionEnvironmentMemoryGiBPerVCpu: 2
                    Metadata:
                      Dockerfile: Dockerfile.arm64
                      DockerContext: .
                """.formatted(perEnvironmentConcurrency));
        return file;
    }

    private Path template(String architecture, String logFormat) throws IOException {
        Path file = directory.resolve("template.yaml");
        Files.writeString(file, """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Origins:
                    Type: String
                    Default: "*"
                Resources:
                  ApiFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      Architectures: [%s]
                      MemorySize: 1024
                      LoggingConfig:
                        LogFormat: %s
                      Environment:
                        Variables:
                          CORS_ALLOWED_ORIGINS: !Ref Origins
                      Events:
                        Proxy:
                          Type: Api
                          Properties:
                            Path: /{proxy+}
                            Method: ANY
                    Metadata:
                      Dockerfile: Dockerfile.arm64
                      DockerContext: .
                Outputs:
                  FunctionArn:
                    Value: !GetAtt ApiFunction.Arn
                """.formatted(architecture, logFormat));
        return file;
    }
}
