package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * serverless.yml of each generated project: present exactly when serverlessFramework=true, YAML
 * that parses (Serverless variables such as {@code ${param:...}} are plain strings to YAML), and
 * the same deployment as template.yaml: image and architecture, API events or the function URL
 * (its CORS origins from the parameter that sets CORS_ALLOWED_ORIGINS), database
 * configuration with secrets only as references, and the queue worker with its queues.
 */
class ServerlessYamlIT {

    @TestFactory
    Stream<DynamicTest> serverlessYamlIsWrittenExactlyWhenAskedForAndMatchesTheOptions() throws IOException {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no generated project; the archetype integration tests must run first");
        assertTrue(variants.stream().anyMatch(variant -> "true".equals(options(variant).getProperty("serverlessFramework"))),
                "no integration-test project sets serverlessFramework=true, so serverless.yml is never checked");
        return variants.stream().map(variant -> dynamicTest(variant.name(), () -> check(variant)));
    }

    @SuppressWarnings("unchecked")
    private static void check(GeneratedVariant variant) throws IOException {
        Properties options = options(variant);
        Path file = variant.project().resolve("serverless.yml");
        if (!"true".equals(options.getProperty("serverlessFramework", "false"))) {
            assertFalse(Files.exists(file), variant.name() + ": serverless.yml without serverlessFramework=true");
            return;
        }
        assertTrue(Files.isRegularFile(file), variant.name() + ": serverlessFramework=true but no serverless.yml");
        String architecture = options.getProperty("architecture", "arm64");
        String api = options.getProperty("api", "rest");
        String database = options.getProperty("database", "mysql");
        String worker = options.getProperty("worker", "none");
        boolean snapStart = "true".equals(options.getProperty("snapStart", "false"));
        boolean managedInstances = "true".equals(options.getProperty("managedInstances", "false"));
        String javaPackage = options.getProperty("package", options.getProperty("groupId"));
        Map<String, Object> root = load(file);

        assertEquals(options.getProperty("artifactId"), root.get("service"), "service");
        Map<String, Object> provider = map(root, "provider");
        assertEquals("aws", provider.get("name"), "provider.name");
        assertEquals(architecture, provider.get("architecture"), "provider.architecture");
        Map<String, Object> images = map(map(provider, "ecr"), "images");
        assertEquals(1, images.size(), "one image, built once for both functions: " + images.keySet());
        String imageName = images.keySet().iterator().next();
        Map<String, Object> image = map(images, imageName);
        assertEquals("Dockerfile." + architecture, image.get("file"), "the image's Dockerfile");
        assertEquals("x86_64".equals(architecture) ? "linux/amd64" : "linux/arm64", image.get("platform"),
                "the image's platform");
        assertEquals("JSON", map(map(provider, "logs"), "lambda").get("logFormat"), "provider.logs.lambda.logFormat");
        String capacityProvider = managedInstances ? checkCapacityProvider(provider, architecture) : null;
        if (!managedInstances) {
            assertFalse(provider.containsKey("capacityProviders"), "no capacity provider without managedInstances=true");
        }

        Map<String, Object> functions = map(root, "functions");
        Map<String, Object> apiFunction = map(functions, "api");
        assertEquals(imageName, map(apiFunction, "image").get("name"), "functions.api.image.name");
        assertTrue(map(apiFunction, "environment").containsKey("CORS_ALLOWED_ORIGINS"), "CORS_ALLOWED_ORIGINS");
        if ("function-url".equals(api)) {
            assertFalse(apiFunction.containsKey("events"), "functions.api has no events behind its function URL");
            assertEquals("aws_iam", map(apiFunction, "url").get("authorizer"),
                    "functions.api.url.authorizer: signed requests only, as template.yaml's default AuthType");
            Map<String, Object> urlResource = map(map(map(root, "resources"), "extensions"), "ApiLambdaFunctionUrl");
            Map<String, Object> cors = map(map(urlResource, "Properties"), "Cors");
            assertEquals(Map.of("Fn::Split", List.of(",", "${param:corsAllowedOrigins}")), cors.get("AllowOrigins"),
                    "the function URL's CORS origins are corsAllowedOrigins, the parameter of CORS_ALLOWED_ORIGINS");
            assertEquals(List.of("x-correlation-id"), cors.get("ExposeHeaders"), "the correlation id is exposed to browsers");
        } else {
            assertFalse(apiFunction.containsKey("url"), "functions.api has no function URL with api=" + api);
            String eventType = "http".equals(api) ? "httpApi" : "http";
            List<?> paths = list(apiFunction, "events").stream()
                    .map(event -> ((Map<?, ?>) event).get(eventType))
                    .map(event -> event instanceof Map<?, ?> http ? http.get("path") : null)
                    .toList();
            assertEquals(List.of("/", "/{proxy+}"), paths, "functions.api.events: " + eventType + " events for / and /{proxy+}");
        }
        assertEquals(snapStart, Boolean.TRUE.equals(apiFunction.get("snapStart")), "functions.api.snapStart is snapStart="
                + snapStart);
        checkRunsOn(capacityProvider, apiFunction, "functions.api");

        if ("none".equals(database)) {
            assertFalse(provider.containsKey("environment"), "no database configuration without a database");
        } else {
            Map<String, Object> environment = map(provider, "environment");
            assertEquals("${param:databaseUrl}", environment.get("DATABASE_URL"), "DATABASE_URL");
            // The secret's ARN, fetched at run time: neither its value nor a reference to it.
            assertEquals("${param:databaseSecretArn}", environment.get("DATABASE_SECRET_ARN"), "DATABASE_SECRET_ARN");
            for (String login : List.of("DATABASE_USER", "DATABASE_PASSWORD")) {
                assertFalse(environment.containsKey(login), login + ": the login comes from the secret at run time");
            }
            assertFalse(Files.readString(file).contains("{{resolve:secretsmanager"), "no dynamic reference to the secret's value");
            Map<String, Object> readSecret = map(map(map(root, "resources"), "Resources"), "DatabaseSecretReadPolicy");
            assertEquals("HasDatabaseSecret", readSecret.get("Condition"), "the secret's policy only when one is given");
            Map<String, Object> policy = map(readSecret, "Properties");
            assertEquals(List.of(Map.of("Ref", "IamRoleLambdaExecution")), policy.get("Roles"), "on the functions' role");
            assertEquals(List.of(Map.of("Effect", "Allow", "Action", "secretsmanager:GetSecretValue",
                    "Resource", "${param:databaseSecretArn}")), list(map(policy, "PolicyDocument"), "Statement"),
                    "GetSecretValue on the database's secret alone");
            assertTrue(map(map(root, "resources"), "Conditions").containsKey("HasDatabaseSecret"), "HasDatabaseSecret");
        }

        checkVpc(root, provider, functions, !"none".equals(database) && !managedInstances);

        if (!"sqs".equals(worker)) {
            assertEquals(List.of("api"), List.copyOf(functions.keySet()), "functions without a worker");
            return;
        }
        Map<String, Object> workerFunction = map(functions, "orderQueueWorker");
        assertEquals(snapStart, Boolean.TRUE.equals(workerFunction.get("snapStart")),
                "functions.orderQueueWorker.snapStart is snapStart=" + snapStart);
        checkRunsOn(capacityProvider, workerFunction, "functions.orderQueueWorker");
        Map<String, Object> workerImage = map(workerFunction, "image");
        assertEquals(imageName, workerImage.get("name"), "the worker runs the same image");
        assertEquals(List.of(javaPackage + ".worker.OrderQueueWorker::handleRequest"), workerImage.get("command"),
                "the worker's image.command overrides the Dockerfile's CMD");
        Map<String, Object> sqs = map((Map<String, Object>) list(workerFunction, "events").getFirst(), "sqs");
        assertEquals("ReportBatchItemFailures", sqs.get("functionResponseType"), "partial batch failures");
        assertInstanceOf(Integer.class, sqs.get("batchSize"), "batchSize");
        assertEquals(Map.of("Fn::GetAtt", List.of("OrderQueue", "Arn")), sqs.get("arn"), "the sqs event reads OrderQueue");
        Map<String, Object> resources = map(map(root, "resources"), "Resources");
        Map<String, Object> queue = map(map(resources, "OrderQueue"), "Properties");
        int timeout = (Integer) workerFunction.get("timeout");
        assertTrue((Integer) queue.get("VisibilityTimeout") >= 6 * timeout,
                "VisibilityTimeout is at least 6 times the worker's timeout " + timeout);
        Map<String, Object> redrive = map(queue, "RedrivePolicy");
        assertEquals(Map.of("Fn::GetAtt", List.of("OrderDeadLetterQueue", "Arn")), redrive.get("deadLetterTargetArn"));
        assertInstanceOf(Integer.class, redrive.get("maxReceiveCount"), "maxReceiveCount");
        assertEquals("AWS::SQS::Queue", map(resources, "OrderDeadLetterQueue").get("Type"), "the dead-letter queue");
    }

    /**
     * With a database (off managed instances, whose functions are in the capacity provider's
     * subnets) every function is in the VPC of the stage parameters vpcSubnetIds and
     * vpcSecurityGroupIds, empty lists by default: Lambda's own "no VPC". Else no VPC at all.
     */
    private static void checkVpc(Map<String, Object> root, Map<String, Object> provider, Map<String, Object> functions,
            boolean vpcParameters) {
        functions.forEach((name, function) -> assertFalse(((Map<?, ?>) function).containsKey("vpc"),
                "functions." + name + " has a vpc of its own; provider.vpc is the one"));
        Map<String, Object> defaults = map(map(root, "params"), "default");
        if (!vpcParameters) {
            assertFalse(provider.containsKey("vpc"), "provider.vpc without a database, or beside the capacity provider's");
            assertFalse(defaults.containsKey("vpcSubnetIds") || defaults.containsKey("vpcSecurityGroupIds"),
                    "VPC parameters without a database, or beside the capacity provider's");
            return;
        }
        Map<String, Object> vpc = map(provider, "vpc");
        assertEquals("${param:vpcSubnetIds}", vpc.get("subnetIds"), "provider.vpc.subnetIds");
        assertEquals("${param:vpcSecurityGroupIds}", vpc.get("securityGroupIds"), "provider.vpc.securityGroupIds");
        assertEquals(List.of(), defaults.get("vpcSubnetIds"), "params.default.vpcSubnetIds: empty, outside any VPC");
        assertEquals(List.of(), defaults.get("vpcSecurityGroupIds"), "params.default.vpcSecurityGroupIds: empty");
    }

    /** The one capacity provider, on the VPC the stage parameters name, for the image's architecture: its name. */
    private static String checkCapacityProvider(Map<String, Object> provider, String architecture) {
        Map<String, Object> capacityProviders = map(provider, "capacityProviders");
        assertEquals(1, capacityProviders.size(), "one capacity provider for both functions: " + capacityProviders.keySet());
        String name = capacityProviders.keySet().iterator().next();
        Map<String, Object> capacityProvider = map(capacityProviders, name);
        Map<String, Object> vpc = map(capacityProvider, "vpc");
        assertEquals("${param:capacityProviderSubnetIds}", vpc.get("subnetIds"), "the capacity provider's subnets");
        assertEquals("${param:capacityProviderSecurityGroupIds}", vpc.get("securityGroupIds"),
                "the capacity provider's security groups");
        assertEquals(List.of(architecture), map(capacityProvider, "instanceRequirements").get("architectures"),
                "the instances' architecture is the image's");
        assertInstanceOf(Integer.class, map(capacityProvider, "scaling").get("maxVCpuCount"), "a cap on the provider's vCPUs");
        return name;
    }

    /** On managed instances (capacityProvider not null) the function names it, with 2 GB at least; else neither. */
    private static void checkRunsOn(String capacityProvider, Map<String, Object> function, String path) {
        if (capacityProvider == null) {
            assertFalse(function.containsKey("capacityProvider"), path + " runs on Lambda's default compute");
            return;
        }
        Map<String, Object> config = map(function, "capacityProvider");
        assertEquals(capacityProvider, config.get("name"), path + ".capacityProvider.name");
        assertInstanceOf(Integer.class, config.get("maxConcurrency"), path + ".capacityProvider.maxConcurrency");
        assertTrue((Integer) function.get("memorySize") >= 2048, path + ".memorySize: 2048 at least on managed instances");
    }

    private static Properties options(GeneratedVariant variant) {
        Path file = variant.project().getParent().getParent().resolve("archetype.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new AssertionError(variant.name() + ": cannot read " + file, e);
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return assertInstanceOf(Map.class, loaded, file + " is not a YAML mapping");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertNotNull(value, key + " is missing in " + parent.keySet());
        return assertInstanceOf(Map.class, value, key + " must be a mapping");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertNotNull(value, key + " is missing in " + parent.keySet());
        return assertInstanceOf(List.class, value, key + " must be a list");
    }
}
