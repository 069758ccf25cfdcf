package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.project.DeployedTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The functions of a project with a database can join the database's VPC: template.yaml takes
 * VpcSubnetIds and VpcSecurityGroupIds, and every function (the API and the queue worker) is in
 * exactly that VPC when they are given and in none when they are empty, as a deploy with those
 * values makes it (DeployedTemplate). Without a database there is no VPC at all; on managed
 * instances the functions run in the capacity provider's subnets, so its parameters are the only set.
 */
class DatabaseVpcIT {

    static final String SUBNETS = "VpcSubnetIds";
    static final String SECURITY_GROUPS = "VpcSecurityGroupIds";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> functionsWithADatabaseJoinItsVpcWhenItIsGiven() {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no generated project; the archetype integration tests must run first");
        assertTrue(variants.stream().anyMatch(variant -> !variant.database().equals("none") && !variant.managedInstances()),
                "no integration-test project has a database off managed instances, so VpcConfig is never checked");
        return variants.stream().map(variant -> dynamicTest(variant.name(), () -> check(variant)));
    }

    private static void check(GeneratedVariant variant) throws Exception {
        Path template = variant.project().resolve("template.yaml");
        String text = Files.readString(template);
        List<String> functions = DeployedTemplate.of(template, Map.of()).functions();
        assertFalse(functions.isEmpty(), variant.name() + ": template.yaml has no AWS::Serverless::Function");
        boolean parameters = !variant.database().equals("none") && !variant.managedInstances();
        if (!parameters) {
            assertFalse(text.contains(SUBNETS) || text.contains(SECURITY_GROUPS), variant.name() + ": VPC parameters "
                    + "without a database, or beside the capacity provider's (database=" + variant.database()
                    + ", managedInstances=" + variant.managedInstances() + ")");
            for (String function : functions) {
                assertFalse(DeployedTemplate.of(template, Map.of()).properties(function).orElseThrow().has("VpcConfig"),
                        variant.name() + ": " + function + " has a VpcConfig of its own");
            }
            return;
        }
        DeployedTemplate outside = DeployedTemplate.of(template, Map.of());
        DeployedTemplate inside = DeployedTemplate.of(template, Map.of(SUBNETS, "subnet-0a1,subnet-0b2",
                SECURITY_GROUPS, "sg-0c3"));
        JsonNode expected = JSON.readTree("""
                {"SubnetIds": ["subnet-0a1", "subnet-0b2"], "SecurityGroupIds": ["sg-0c3"]}""");
        for (String function : functions) {
            assertFalse(outside.properties(function).orElseThrow().has("VpcConfig"), variant.name() + ": " + function
                    + " has a VpcConfig with " + SUBNETS + " and " + SECURITY_GROUPS + " empty");
            assertEquals(expected, inside.properties(function).orElseThrow().path("VpcConfig"), variant.name() + ": "
                    + function + "'s VpcConfig with " + SUBNETS + " and " + SECURITY_GROUPS + " given");
        }
    }
}
