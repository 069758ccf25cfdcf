package io.github.lambdacontainer.archetype.contract.project;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The image functions a SAM {@code template.yaml} deploys, with what the contract compares. */
public record SamTemplate(Path file, List<ImageFunction> imageFunctions) {

    /** SAM's default when a function names no architecture. */
    static final String DEFAULT_ARCHITECTURE = "x86_64";
    /** Lambda's default memory size in MB. */
    static final int DEFAULT_MEMORY_MB = 128;
    /** Lambda's default timeout in seconds. */
    static final int DEFAULT_TIMEOUT_SECONDS = 3;

    /**
     * @param logicalId    the resource name, used as the function name
     * @param architectures Properties.Architectures (Globals.Function as fallback)
     * @param dockerfile   Metadata.Dockerfile, relative to {@code dockerContext}
     * @param imageCommand Properties.ImageConfig.Command, which overrides the Dockerfile's CMD
     * @param logFormat    Properties.LoggingConfig.LogFormat, which Lambda passes as AWS_LAMBDA_LOG_FORMAT
     * @param eventTypes   the Type of each of Properties.Events (Api, HttpApi, SQS, ...)
     * @param httpWaysIn   how HTTP requests reach the function, each with the payload format it
     *                     delivers: its Api events (REST API, 1.0), HttpApi events (their
     *                     PayloadFormatVersion, 2.0 unless they say otherwise) and FunctionUrlConfig
     *                     (its own HTTPS endpoint, 2.0 only); empty when no HTTP request reaches it
     * @param snapStart    whether Properties.SnapStart.ApplyOn is PublishedVersions: Lambda then
     *                     initialises each version once with AWS_LAMBDA_INITIALIZATION_TYPE=snap-start
     * @param maxConcurrency Properties.CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency
     *                     (Lambda Managed Instances): how many invocations one execution environment
     *                     serves at once, which Lambda passes as AWS_LAMBDA_MAX_CONCURRENCY
     */
    public record ImageFunction(
            String logicalId,
            List<String> architectures,
            Optional<String> dockerfile,
            String dockerContext,
            int memoryMb,
            int timeoutSeconds,
            Optional<String> logFormat,
            Optional<String> logLevel,
            Optional<List<String>> imageCommand,
            List<String> eventTypes,
            List<HttpWayIn> httpWaysIn,
            boolean snapStart,
            Optional<Integer> maxConcurrency) {

        /** Whether an SQS queue triggers the function. */
        public boolean readsSqs() {
            return eventTypes.contains("SQS");
        }

        /** Whether HTTP requests reach the function: through an API Gateway event or its function URL. */
        public boolean receivesHttp() {
            return !httpWaysIn.isEmpty();
        }

        /** Whether the function has its own HTTPS endpoint (FunctionUrlConfig). */
        public boolean hasFunctionUrl() {
            return httpWaysIn.stream().anyMatch(way -> way.name().equals(HttpWayIn.FUNCTION_URL));
        }
    }

    /**
     * One way HTTP requests reach a function and the payload format version its events have.
     *
     * @param name           "Api event Root", "HttpApi event Proxy" or {@value #FUNCTION_URL}
     * @param payloadVersion "1.0" or "2.0"
     */
    public record HttpWayIn(String name, String payloadVersion) {

        public static final String FUNCTION_URL = "function URL";
        /** A REST API's proxy integration sends payload 1.0 only. */
        static final String REST_API_PAYLOAD = "1.0";
        /** SAM's HttpApi events default to 2.0; a function URL sends 2.0 only. */
        static final String V2_PAYLOAD = "2.0";

        @Override
        public String toString() {
            return name + " (payload " + payloadVersion + ")";
        }
    }

    /** A CloudFormation short-form intrinsic such as {@code !Ref Foo}; its value is left unevaluated. */
    public record Intrinsic(String function, Object argument) {}

    /** The template as YAML, its short-form intrinsics as {@link Intrinsic}s. */
    public static Map<?, ?> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object loaded = new Yaml(new CloudFormationConstructor()).load(reader);
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new AssertionError(file.getFileName() + " is not a YAML mapping");
            }
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SamTemplate load(Path file) {
        Map<?, ?> root = read(file);
        Map<?, ?> globals = map(map(root.get("Globals")).get("Function"));
        List<ImageFunction> functions = new ArrayList<>();
        map(root.get("Resources")).forEach((name, value) -> {
            Map<?, ?> resource = map(value);
            Object type = resource.get("Type");
            if (!"AWS::Serverless::Function".equals(type) && !"AWS::Lambda::Function".equals(type)) {
                return;
            }
            Map<?, ?> properties = map(resource.get("Properties"));
            if (!"Image".equals(property(properties, globals, "PackageType"))) {
                return;
            }
            Map<?, ?> metadata = map(resource.get("Metadata"));
            Map<?, ?> logging = map(property(properties, globals, "LoggingConfig"));
            functions.add(new ImageFunction(
                    String.valueOf(name),
                    architectures(file, name, property(properties, globals, "Architectures")),
                    text(metadata.get("Dockerfile")),
                    text(metadata.get("DockerContext")).orElse("."),
                    integer(property(properties, globals, "MemorySize"), DEFAULT_MEMORY_MB),
                    integer(property(properties, globals, "Timeout"), DEFAULT_TIMEOUT_SECONDS),
                    text(logging.get("LogFormat")),
                    text(logging.get("ApplicationLogLevel")),
                    strings(map(properties.get("ImageConfig")).get("Command")),
                    map(properties.get("Events")).values().stream()
                            .map(event -> text(map(event).get("Type")).orElse(""))
                            .toList(),
                    httpWaysIn(properties),
                    "PublishedVersions".equals(map(property(properties, globals, "SnapStart")).get("ApplyOn")),
                    maxConcurrency(file, name, map(property(properties, globals, "CapacityProviderConfig")))));
        });
        return new SamTemplate(file, List.copyOf(functions));
    }

    /** The function's Api and HttpApi events (in their order), then its function URL. */
    private static List<HttpWayIn> httpWaysIn(Map<?, ?> properties) {
        List<HttpWayIn> ways = new ArrayList<>();
        map(properties.get("Events")).forEach((name, value) -> {
            Map<?, ?> event = map(value);
            String type = text(event.get("Type")).orElse("");
            if (type.equals("Api")) {
                ways.add(new HttpWayIn("Api event " + name, HttpWayIn.REST_API_PAYLOAD));
            } else if (type.equals("HttpApi")) {
                String version = text(map(event.get("Properties")).get("PayloadFormatVersion")).orElse(HttpWayIn.V2_PAYLOAD);
                ways.add(new HttpWayIn("HttpApi event " + name, version));
            }
        });
        if (properties.get("FunctionUrlConfig") != null) {
            ways.add(new HttpWayIn(HttpWayIn.FUNCTION_URL, HttpWayIn.V2_PAYLOAD));
        }
        return List.copyOf(ways);
    }

    private static Optional<Integer> maxConcurrency(Path file, Object function, Map<?, ?> capacityProviderConfig) {
        Object value = capacityProviderConfig.get("PerExecutionEnvironmentMaxConcurrency");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Integer number)) {
            throw new AssertionError(file.getFileName() + ": function " + function + " must set CapacityProviderConfig."
                    + "PerExecutionEnvironmentMaxConcurrency to a literal number so overlapping invocations can be "
                    + "checked at that concurrency, but has " + value);
        }
        return Optional.of(number);
    }

    private static Object property(Map<?, ?> properties, Map<?, ?> globals, String name) {
        return properties.containsKey(name) ? properties.get(name) : globals.get(name);
    }

    private static List<String> architectures(Path file, Object function, Object value) {
        if (value == null) {
            return List.of(DEFAULT_ARCHITECTURE);
        }
        return strings(value).orElseThrow(() -> new AssertionError(file.getFileName() + ": function " + function
                + " must list its Architectures literally (e.g. [arm64]) so the image's platform can be checked, "
                + "but has " + value));
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Optional<String> text(Object value) {
        return value instanceof String || value instanceof Number ? Optional.of(value.toString()) : Optional.empty();
    }

    private static int integer(Object value, int fallback) {
        return value instanceof Number number ? number.intValue() : fallback;
    }

    private static Optional<List<String>> strings(Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            return Optional.empty();
        }
        return Optional.of(list.stream().map(String.class::cast).toList());
    }

    /** Accepts CloudFormation's short tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, ...). */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String function = node.getTag().getValue().substring(1);
                    Object argument = switch (node) {
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> null;
                    };
                    return new Intrinsic(function, argument);
                }
            });
        }
    }
}
