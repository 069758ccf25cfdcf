package io.github.lambdacontainer.archetype.contract.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Validates a generated template.yaml against the published JSON schemas: the whole template
 * against the SAM schema, and each function's properties that CloudFormation's
 * AWS::Lambda::Function also has (LoggingConfig, Architectures, ...) against that resource's
 * schema. Short-form intrinsics ({@code !Ref X}) become their JSON form ({@code {"Ref": "X"}}).
 */
public final class TemplateSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Properties both resources have but SAM shapes its own way, checked by the SAM schema only:
     * SAM's CapacityProviderConfig is flat (Arn, PerExecutionEnvironmentMaxConcurrency, ...), and
     * SAM nests it under LambdaManagedInstancesCapacityProviderConfig for CloudFormation.
     */
    private static final List<String> SAM_SHAPED_PROPERTIES = List.of("CapacityProviderConfig");

    private final JsonSchema sam;
    private final JsonSchema lambdaFunctionProperties;

    private TemplateSchemas(JsonSchema sam, JsonSchema lambdaFunctionProperties) {
        this.sam = sam;
        this.lambdaFunctionProperties = lambdaFunctionProperties;
    }

    /** Loads sam.schema.json and aws-lambda-function.schema.json from {@code directory}. */
    public static TemplateSchemas load(Path directory) throws IOException {
        JsonSchemaFactory draft4 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        JsonSchemaFactory draft7 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        JsonNode samSchema = JSON.readTree(directory.resolve("sam.schema.json").toFile());
        // SAM's Function is not CloudFormation's (no Code, Role; Events instead): check only the
        // properties both have, so drop the resource schema's required list and let others pass.
        ObjectNode functionSchema = (ObjectNode) JSON.readTree(directory.resolve("aws-lambda-function.schema.json").toFile());
        functionSchema.remove("required");
        functionSchema.put("additionalProperties", true);
        return new TemplateSchemas(draft4.getSchema(samSchema), draft7.getSchema(functionSchema));
    }

    /** What is wrong with the template, one line each; empty when it is valid. */
    public List<String> problems(Path template) throws IOException {
        JsonNode document = toJson(template);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : sam.validate(document)) {
            problems.add("SAM schema: " + message.getMessage());
        }
        // CloudFormation's resource schema knows no intrinsics: each function's properties as the
        // two deploys make them, one with every parameter at its Default, one with those that
        // default to empty given (what they switch on: a VPC, a secret).
        Map<String, String> emptyParametersGiven = new LinkedHashMap<>();
        document.path("Parameters").fields().forEachRemaining(parameter -> {
            if (parameter.getValue().path("Default").asText("-").isEmpty()) {
                emptyParametersGiven.put(parameter.getKey(), "example-1,example-2");
            }
        });
        for (Map<String, String> parameters : List.of(Map.<String, String>of(), emptyParametersGiven)) {
            DeployedTemplate deployed = new DeployedTemplate(document, parameters);
            String deploy = parameters.isEmpty() ? "" : " (with " + String.join(", ", parameters.keySet()) + " given)";
            for (String function : deployed.functions()) {
                JsonNode properties = deployed.properties(function).orElseThrow();
                if (properties instanceof ObjectNode object) {
                    object.remove(SAM_SHAPED_PROPERTIES);
                }
                for (ValidationMessage message : lambdaFunctionProperties.validate(properties)) {
                    String problem = "AWS::Lambda::Function schema, " + function + deploy + ": " + message.getMessage();
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
            }
        }
        return problems;
    }

    static JsonNode toJson(Path template) throws IOException {
        try (Reader reader = Files.newBufferedReader(template)) {
            return JSON.valueToTree(new Yaml(new IntrinsicFunctions()).load(reader));
        }
    }

    /** Reads {@code !Ref X} as {@code {"Ref": X}} and {@code !Fn X} as {@code {"Fn::Fn": X}}; !GetAtt A.B as a list. */
    private static final class IntrinsicFunctions extends SafeConstructor {

        IntrinsicFunctions() {
            super(new LoaderOptions());
            for (String function : List.of("Ref", "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join",
                    "Select", "Split", "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs", "Condition")) {
                yamlConstructors.put(new org.yaml.snakeyaml.nodes.Tag("!" + function), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object argument = switch (node) {
                            case ScalarNode scalar -> "GetAtt".equals(function)
                                    ? List.of(scalar.getValue().split("\\.", 2))
                                    : scalar.getValue();
                            case SequenceNode sequence -> constructSequence(sequence);
                            case MappingNode mapping -> constructMapping(mapping);
                            default -> throw new IllegalStateException("unexpected YAML node " + node);
                        };
                        String key = "Ref".equals(function) || "Condition".equals(function) ? function : "Fn::" + function;
                        return Map.of(key, argument);
                    }
                });
            }
        }
    }
}
