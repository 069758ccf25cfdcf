package io.github.lambdacontainer.archetype.contract.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A template's resources as a deploy with given parameter values makes them: each parameter's
 * value (or its Default; a list type's split at the commas) in place of its Ref, the
 * Conditions evaluated (Fn::Equals, Not, And, Or, Join, Condition), each Fn::If replaced by the
 * branch it picks, and whatever picks {@code Ref AWS::NoValue} removed. Other intrinsics stay as
 * written. Enough to see what a parameter switches on and off, not a CloudFormation engine.
 */
public final class DeployedTemplate {

    private static final String NO_VALUE = "AWS::NoValue";

    private final JsonNode template;
    private final Map<String, String> parameterValues;

    DeployedTemplate(JsonNode template, Map<String, String> parameterValues) {
        this.template = template;
        this.parameterValues = parameterValues;
    }

    /** The template at {@code file} deployed with {@code parameterValues}; the others keep their Default. */
    public static DeployedTemplate of(Path file, Map<String, String> parameterValues) throws IOException {
        JsonNode template = TemplateSchemas.toJson(file);
        for (String name : parameterValues.keySet()) {
            if (!template.path("Parameters").has(name)) {
                throw new IllegalArgumentException(file + " has no parameter " + name);
            }
        }
        return new DeployedTemplate(template, parameterValues);
    }

    /** The logical ids of its AWS::Serverless::Function resources. */
    public List<String> functions() {
        List<String> functions = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.add(resource.getKey());
            }
        });
        return functions;
    }

    /** The resource's Properties as deployed; empty when there is no such resource. */
    public Optional<JsonNode> properties(String logicalId) {
        JsonNode resource = template.path("Resources").path(logicalId);
        return resource.isMissingNode() ? Optional.empty() : resolve(resource.path("Properties"));
    }

    /** Whether the named condition of the Conditions section holds. */
    public boolean condition(String name) {
        JsonNode condition = template.path("Conditions").path(name);
        if (condition.isMissingNode()) {
            throw new IllegalArgumentException("the template has no condition " + name);
        }
        return truth(condition);
    }

    /** {@code node} as deployed; empty where it resolves to AWS::NoValue. */
    private Optional<JsonNode> resolve(JsonNode node) {
        if (node.isArray()) {
            ArrayNode resolved = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> resolve(element).ifPresent(resolved::add));
            return Optional.of(resolved);
        }
        if (!node.isObject()) {
            return Optional.of(node);
        }
        if (node.size() == 1 && node.has("Ref")) {
            return reference(node.get("Ref").asText());
        }
        if (node.size() == 1 && node.has("Fn::If")) {
            JsonNode arguments = node.get("Fn::If");
            return resolve(condition(arguments.path(0).asText()) ? arguments.path(1) : arguments.path(2));
        }
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            resolve(field.getValue()).ifPresent(value -> resolved.set(field.getKey(), value));
        }
        return Optional.of(resolved);
    }

    private Optional<JsonNode> reference(String name) {
        if (name.equals(NO_VALUE)) {
            return Optional.empty();
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (parameter.isMissingNode()) {
            return Optional.of(JsonNodeFactory.instance.objectNode().put("Ref", name)); // a resource: as written
        }
        String value = parameterValues.getOrDefault(name, parameter.path("Default").asText(""));
        String type = parameter.path("Type").asText();
        if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (String item : value.split(",", -1)) {
                items.add(item);
            }
            return Optional.of(items);
        }
        return Optional.of(TextNode.valueOf(value));
    }

    /** A condition function's value. */
    private boolean truth(JsonNode function) {
        return evaluate(function).asBoolean();
    }

    private JsonNode evaluate(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return node;
        }
        String function = node.fieldNames().next();
        JsonNode arguments = node.get(function);
        return switch (function) {
            case "Ref" -> reference(arguments.asText()).orElseThrow();
            case "Condition" -> BooleanNode.valueOf(condition(arguments.asText()));
            case "Fn::Not" -> BooleanNode.valueOf(!truth(arguments.path(0)));
            case "Fn::Equals" -> BooleanNode.valueOf(evaluate(arguments.path(0)).equals(evaluate(arguments.path(1))));
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode argument : arguments) {
                    all &= truth(argument);
                }
                yield BooleanNode.valueOf(all);
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode argument : arguments) {
                    any |= truth(argument);
                }
                yield BooleanNode.valueOf(any);
            }
            case "Fn::Join" -> {
                StringBuilder joined = new StringBuilder();
                JsonNode items = evaluate(arguments.path(1));
                for (int i = 0; i < items.size(); i++) {
                    joined.append(i == 0 ? "" : arguments.path(0).asText()).append(evaluate(items.get(i)).asText());
                }
                yield TextNode.valueOf(joined.toString());
            }
            default -> throw new IllegalArgumentException("a condition uses " + function + ", which this does not evaluate");
        };
    }
}
