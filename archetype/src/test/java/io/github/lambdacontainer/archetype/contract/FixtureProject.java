package io.github.lambdacontainer.archetype.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.archetype.contract.runtime.RuntimeInterfaceClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A small project laid out like a generated one after {@code mvn verify} (target/classes,
 * target/lib, target/server-lib, Dockerfiles, template.yaml, events, scripts/invoke.sh), with
 * handlers compiled against aws-lambda-java-core. Tests break one thing in it and check the
 * verifier names that thing.
 */
final class FixtureProject {

    static final String HANDLER = "fixture.app.LambdaHandler::handleRequest";
    static final String THROWING_HANDLER = "fixture.app.ThrowingHandler::handleRequest";
    static final String SILENT_HANDLER = "fixture.app.SilentHandler::handleRequest";
    static final String QUEUE_WORKER = "fixture.app.QueueWorker::handleRequest";
    /** Keeps the request's name and correlation id in static fields between reading and answering. */
    static final String UNSAFE_HANDLER = "fixture.app.UnsafeHandler::handleRequest";
    /** {@link #withManagedInstances()}'s CapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency. */
    static final int MAX_CONCURRENCY = 16;
    /** The message of {@link #withSqsWorker()}'s batch that the worker reports as failed. */
    static final String POISON_MESSAGE_ID = "fixture-msg-2";
    static final String THROWN_MESSAGE = "database unreachable: fixture-boom-42";

    /** Compiled once per Java release, then copied into each test's directory. */
    private static final Map<Integer, Path> COMPILED = new ConcurrentHashMap<>();

    private final Path directory;

    private FixtureProject(Path directory) {
        this.directory = directory;
    }

    /**
     * A project that meets the whole contract, for Java {@code javaVersion}. Its function is behind
     * a REST API and an HTTP API, so its events come in both payload formats.
     */
    static FixtureProject create(Path directory, int javaVersion) {
        FixtureProject project = new FixtureProject(directory);
        copyTree(COMPILED.computeIfAbsent(javaVersion, FixtureProject::compile), directory.resolve("target"));
        project.write("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>fixture</groupId>
                  <artifactId>fixture-app</artifactId>
                  <version>1.0.0-SNAPSHOT</version>
                  <properties>
                    <java.version>%d</java.version>
                    <maven.compiler.release>${java.version}</maven.compiler.release>
                  </properties>
                </project>
                """.formatted(javaVersion));
        project.write("Dockerfile.arm64", lambdaDockerfile("linux/arm64", javaVersion));
        project.write("Dockerfile.x86_64", lambdaDockerfile("linux/amd64", javaVersion));
        project.write("Dockerfile.server", """
                FROM --platform=linux/amd64 eclipse-temurin:%d-jre
                WORKDIR /app
                COPY target/classes /app/classes
                COPY target/lib /app/lib
                COPY target/server-lib /app/server-lib
                ENV PORT=8080 GREETING_PREFIX=hello
                EXPOSE 8080
                CMD ["java", "-cp", "/app/classes:/app/lib/*:/app/server-lib/*", "fixture.app.Application"]
                """.formatted(javaVersion));
        project.write(".dockerignore", """
                .git
                target/surefire-reports
                """);
        project.write("template.yaml", """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Stage:
                    Type: String
                    Default: dev
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  IsNotProd: !Not [!Condition IsProd]
                Globals:
                  Function:
                    MemorySize: 512
                    Timeout: 30
                Resources:
                  FixtureFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      Architectures: [x86_64]
                      FunctionName: !Sub '${AWS::StackName}-fixture'
                      Environment:
                        Variables:
                          STAGE: !Ref Stage
                          LOG_LEVEL: !If [IsProd, WARN, DEBUG]
                      LoggingConfig:
                        LogFormat: JSON
                      Events:
                        Api:
                          Type: Api
                          Properties:
                            Path: /{proxy+}
                            Method: ANY
                        HttpApi:
                          Type: HttpApi
                    Metadata:
                      Dockerfile: Dockerfile.x86_64
                      DockerContext: .
                      DockerTag: java%d-v1
                Outputs:
                  FunctionArn:
                    Value: !GetAtt FixtureFunction.Arn
                """.formatted(javaVersion));
        project.write("events/get-hello.json", """
                {
                  "resource": "/hello",
                  "path": "/hello",
                  "httpMethod": "GET",
                  "headers": {"X-Correlation-Id": "fixture-cid-1", "Accept": "application/json"},
                  "multiValueHeaders": {"X-Correlation-Id": ["fixture-cid-1"], "Accept": ["application/json"]},
                  "queryStringParameters": {"name": "Ada"},
                  "multiValueQueryStringParameters": {"name": ["Ada"]},
                  "pathParameters": null,
                  "stageVariables": null,
                  "requestContext": {"resourcePath": "/hello", "httpMethod": "GET", "stage": "dev", "requestId": "r-1"},
                  "body": null,
                  "isBase64Encoded": false
                }
                """);
        project.write("events/post-hello-v2.json", """
                {
                  "version": "2.0",
                  "routeKey": "$default",
                  "rawPath": "/hello",
                  "rawQueryString": "",
                  "cookies": ["theme=dark"],
                  "headers": {"x-correlation-id": "fixture-cid-2", "content-type": "application/json"},
                  "requestContext": {"http": {"method": "POST", "path": "/hello"}, "stage": "$default"},
                  "body": "eyJuYW1lIjoiR3JhY2UifQ==",
                  "isBase64Encoded": true
                }
                """);
        project.write("events/get-unknown.json", """
                {
                  "resource": "/{proxy+}",
                  "path": "/nowhere",
                  "httpMethod": "GET",
                  "headers": null,
                  "multiValueHeaders": null,
                  "queryStringParameters": null,
                  "multiValueQueryStringParameters": null,
                  "requestContext": {"httpMethod": "GET"},
                  "body": null,
                  "isBase64Encoded": false
                }
                """);
        project.write("events/expected.json", """
                {
                  "get-hello.json": {
                    "statusCode": 200,
                    "body": {"message": "hello, Ada!"},
                    "headers": {"X-Correlation-Id": "fixture-cid-1", "Content-Type": "<any>"}
                  },
                  "post-hello-v2.json": {
                    "statusCode": 200,
                    "body": {"message": "hello, Grace!", "names": []},
                    "headers": {"x-correlation-id": "fixture-cid-2"}
                  },
                  "get-unknown.json": {"statusCode": 404, "body": {"error": "<any>"}}
                }
                """);
        project.write("scripts/invoke.sh", """
                #!/usr/bin/env bash
                # Sends an event file to the Runtime Interface Emulator and prints the function's response.
                set -euo pipefail
                curl -sS -X POST "${RIE_URL:-http://localhost:9000/2015-03-31/functions/function/invocations}" \\
                  -H 'Content-Type: application/json' --data-binary "@$1"
                echo
                """);
        return project;
    }

    /**
     * Adds a queue worker as the generated projects have it: a second function deploying the same
     * image with ImageConfig.Command naming {@link #QUEUE_WORKER} and an SQS event source, and an
     * SQS batch in events/ whose one message without an item the worker reports as failed.
     */
    FixtureProject withSqsWorker() {
        replace("template.yaml", """
                Outputs:
                """, """
                  WorkerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      Architectures: [x86_64]
                      ImageConfig:
                        Command: ["%s"]
                      Events:
                        Orders:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Queue.Arn
                            FunctionResponseTypes: [ReportBatchItemFailures]
                    Metadata:
                      Dockerfile: Dockerfile.x86_64
                      DockerContext: .
                  Queue:
                    Type: AWS::SQS::Queue
                Outputs:
                """.formatted(QUEUE_WORKER));
        write("events/sqs-orders.json", """
                {
                  "Records": [
                    {"messageId": "fixture-msg-1", "body": "{\\"item\\":\\"coffee\\"}", "eventSource": "aws:sqs",
                     "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders", "attributes": {}, "messageAttributes": {}},
                    {"messageId": "%s", "body": "{}", "eventSource": "aws:sqs",
                     "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders", "attributes": {}, "messageAttributes": {}}
                  ]
                }
                """.formatted(POISON_MESSAGE_ID));
        return replace("events/expected.json", """
                  "get-unknown.json": {"statusCode": 404, "body": {"error": "<any>"}}
                """, """
                  "get-unknown.json": {"statusCode": 404, "body": {"error": "<any>"}},
                  "sqs-orders.json": {"batchItemFailures": [{"itemIdentifier": "%s"}]}
                """.formatted(POISON_MESSAGE_ID));
    }

    /**
     * Puts the functions on Lambda Managed Instances, as the generated projects with
     * managedInstances=true do: CapacityProviderConfig (in Globals, so a worker's too) with a
     * per-environment max concurrency of {@link #MAX_CONCURRENCY}, and the events the concurrency
     * check varies: events/get-hello-with-name.json and, with a worker, an SQS batch stored whole.
     */
    FixtureProject withManagedInstances() {
        replace("template.yaml", """
                    Timeout: 30
                """, """
                    Timeout: 30
                    CapacityProviderConfig:
                      Arn: arn:aws:lambda:us-east-1:123456789012:capacity-provider:fixture
                      PerExecutionEnvironmentMaxConcurrency: %d
                """.formatted(MAX_CONCURRENCY));
        try {
            Files.copy(directory.resolve("events/get-hello.json"), directory.resolve("events/get-hello-with-name.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String wholeBatch = "";
        if (Files.exists(directory.resolve("events/sqs-orders.json"))) {
            write("events/sqs-orders-whole.json", """
                    {"Records": [{"messageId": "fixture-msg-3", "body": "{\\"item\\":\\"tea\\"}", "eventSource": "aws:sqs",
                                  "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders", "attributes": {}}]}
                    """);
            wholeBatch = "  \"sqs-orders-whole.json\": {\"batchItemFailures\": []},\n";
        }
        return replace("events/expected.json", """
                {
                  "get-hello.json": {
                """, """
                {
                  "get-hello-with-name.json": {
                    "statusCode": 200,
                    "body": {"message": "hello, Ada!"},
                    "headers": {"X-Correlation-Id": "fixture-cid-1"}
                  },
                %s  "get-hello.json": {
                """.formatted(wholeBatch));
    }

    static String lambdaDockerfile(String platform, int javaVersion) {
        return """
                # The function image: what `mvn package` laid out under target/, copied into the task root.
                ARG BASE_IMAGE=public.ecr.aws/lambda/java:%d
                FROM --platform=%s ${BASE_IMAGE}
                ENV JAVA_TOOL_OPTIONS="-XX:+TieredCompilation -XX:TieredStopAtLevel=1" \\
                    GREETING_PREFIX=hello
                COPY target/classes ${LAMBDA_TASK_ROOT}
                COPY target/lib ${LAMBDA_TASK_ROOT}/lib
                CMD [ "%s" ]
                """.formatted(javaVersion, platform, HANDLER);
    }

    /**
     * Turns the Lambda images into ones with their own entry point, as the generated projects'
     * are: the function's classes also in a jar beside the runtime interface client's in target/lib, a
     * RUN step that trains an AOT cache (JDK 25) and an ENTRYPOINT script that starts the client
     * from it with the jars on the class path.
     */
    FixtureProject withTrainedEntrypoint() {
        try {
            Path lib = directory.resolve("target/lib");
            Path classes = directory.resolve("target/classes");
            try (Stream<Path> files = Files.walk(classes)) {
                jar(lib.resolve("fixture-app.jar"), classes, files.filter(Files::isRegularFile).toList());
            }
            for (Path jar : RuntimeInterfaceClient.runtimeClassPath()) {
                Files.copy(jar, lib.resolve(jar.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                // Its native libraries as files, as the generated pom unpacks them for the Dockerfiles.
                try (JarFile client = new JarFile(jar.toFile())) {
                    for (JarEntry entry : client.stream().filter(entry -> entry.getName().matches("jni/libaws-lambda-jni\\.linux-.*\\.so")).toList()) {
                        Path target = directory.resolve("target").resolve(entry.getName());
                        Files.createDirectories(target.getParent());
                        try (var in = client.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("src/main/docker/entrypoint.sh", """
                #!/bin/sh
                set -eu
                run_java() {
                  exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \\
                    -XX:MaxHeapSize=$(( ${AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-512} * 1024 * 85 / 100 ))k \\
                    --enable-native-access=ALL-UNNAMED \\
                    -D%s=$LAMBDA_TASK_ROOT/jni/libaws-lambda-jni.so \\
                    -cp "$LAMBDA_TASK_ROOT/lib/*" "$@"
                }
                if [ "${1:-}" = "--train" ]; then
                  run_java -XX:AOTCacheOutput="$LAMBDA_TASK_ROOT/function.aot" fixture.app.Training
                fi
                run_java -XX:AOTCache="$LAMBDA_TASK_ROOT/function.aot" \\
                  com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$@"
                """.formatted(RuntimeInterfaceClient.JNI_PROPERTY));
        for (String file : List.of("Dockerfile.arm64", "Dockerfile.x86_64")) {
            replace(file, """
                    COPY target/classes ${LAMBDA_TASK_ROOT}
                    COPY target/lib ${LAMBDA_TASK_ROOT}/lib
                    """, """
                    COPY target/lib ${LAMBDA_TASK_ROOT}/lib
                    COPY target/jni/%s ${LAMBDA_TASK_ROOT}/jni/libaws-lambda-jni.so
                    COPY src/main/docker/entrypoint.sh ${LAMBDA_TASK_ROOT}/
                    RUN [ "/bin/sh", "/var/task/entrypoint.sh", "--train" ]
                    ENTRYPOINT [ "/bin/sh", "/var/task/entrypoint.sh" ]
                    """.formatted(file.endsWith("arm64") ? "libaws-lambda-jni.linux-aarch_64.so" : "libaws-lambda-jni.linux-x86_64.so"));
        }
        return this;
    }

    Path directory() {
        return directory;
    }

    FixtureProject write(String relativePath, String content) {
        try {
            Path file = directory.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces text that must be there, so a fixture change cannot silently stop breaking anything. */
    FixtureProject replace(String relativePath, String from, String to) {
        try {
            String content = Files.readString(directory.resolve(relativePath));
            assertTrue(content.contains(from), relativePath + " does not contain " + from);
            return write(relativePath, content.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compile(int javaVersion) {
        try {
            Path work = Files.createTempDirectory("contract-fixture-" + javaVersion + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(work)));
            Path sources = work.resolve("src");
            writeSources(sources);
            Path output = work.resolve("out");
            Files.createDirectories(output);
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            List<String> arguments = new ArrayList<>(List.of("--release", Integer.toString(javaVersion), "-d",
                    output.toString(), "-classpath", RuntimeInterfaceClient.lambdaCoreJar().toString(), "-nowarn"));
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(file -> arguments.add(file.toString()));
            }
            assertEquals(0, compiler.run(null, null, null, arguments.toArray(String[]::new)), "fixture compiles");

            Path target = work.resolve("target");
            Path app = output.resolve("fixture/app");
            // Greeting lives in a lib jar, so the handler only works if lib/*.jar is on the customer class loader.
            jar(target.resolve("lib/fixture-greeting.jar"), output, List.of(app.resolve("Greeting.class")));
            jar(target.resolve("server-lib/fixture-server.jar"), output, List.of(app.resolve("Application.class")));
            Files.createDirectories(target.resolve("classes/fixture/app"));
            try (Stream<Path> classes = Files.list(app)) {
                for (Path file : classes.toList()) {
                    String name = file.getFileName().toString();
                    if (!name.equals("Greeting.class") && !name.equals("Application.class")) {
                        Files.copy(file, target.resolve("classes/fixture/app").resolve(name));
                    }
                }
            }
            Files.createDirectories(target.resolve("surefire-reports"));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSources(Path sources) throws IOException {
        Path app = sources.resolve("fixture/app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("Training.java"), """
                package fixture.app;

                import java.net.JarURLConnection;
                import java.util.jar.JarEntry;
                import java.util.jar.JarFile;

                /**
                 * The image build's training run: loads the runtime interface client's classes (every
                 * one of its package, standing in for a run through the client) and the handler, as
                 * a real invocation would; with --handler-only only the handler.
                 */
                public final class Training {
                    private static final String CLIENT = "com/amazonaws/services/lambda/runtime/api/client/";

                    public static void main(String[] args) throws Exception {
                        if (args.length == 0 || !args[0].equals("--handler-only")) {
                            ClassLoader loader = ClassLoader.getSystemClassLoader();
                            var client = (JarURLConnection) loader.getResource(CLIENT + "AWSLambda.class").openConnection();
                            client.setUseCaches(false);
                            try (JarFile jar = client.getJarFile()) {
                                for (JarEntry entry : jar.stream().toList()) {
                                    String name = entry.getName();
                                    if (name.startsWith(CLIENT) && name.endsWith(".class")) {
                                        try {
                                            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                                        } catch (LinkageError | ClassNotFoundException e) {
                                            // a class the client cannot load here is one no cold start loads either
                                        }
                                    }
                                }
                            }
                        }
                        Class.forName("fixture.app.LambdaHandler").getConstructor().newInstance();
                    }
                }
                """);
        Files.writeString(app.resolve("Greeting.java"), """
                package fixture.app;

                public final class Greeting {
                    public static String of(String name) {
                        // "hello" only when the image's ENV reached the process
                        return System.getenv().getOrDefault("GREETING_PREFIX", "hi") + ", " + name + "!";
                    }
                }
                """);
        Files.writeString(app.resolve("Routes.java"), """
                package fixture.app;

                import java.util.LinkedHashMap;
                import java.util.Map;
                import java.util.regex.Matcher;
                import java.util.regex.Pattern;

                /** The fixture's whole API: GET /hello?name=, POST /hello {"name"}, anything else 404. */
                public final class Routes {
                    private static final Pattern NAME = Pattern.compile("\\"name\\"\\\\s*:\\\\s*\\"([^\\"]*)\\"");

                    public static Map<String, Object> answer(String method, String path, String queryName,
                            String body, String correlationId) {
                        Map<String, Object> response = new LinkedHashMap<>();
                        Map<String, String> headers = new LinkedHashMap<>();
                        headers.put("Content-Type", "application/json");
                        headers.put("X-Correlation-Id", correlationId == null ? "generated" : correlationId);
                        response.put("headers", headers);
                        response.put("isBase64Encoded", false);
                        if (path.equals("/hello") && method.equals("GET")) {
                            response.put("statusCode", 200);
                            response.put("body", "{\\"message\\":\\"" + Greeting.of(queryName == null ? "visitor" : queryName) + "\\"}");
                        } else if (path.equals("/hello") && method.equals("POST")) {
                            Matcher name = NAME.matcher(body == null ? "" : body);
                            response.put("statusCode", 200);
                            response.put("body", "{\\"message\\":\\"" + Greeting.of(name.find() ? name.group(1) : "visitor")
                                    + "\\",\\"names\\":[\\"first\\"]}");
                        } else {
                            response.put("statusCode", 404);
                            response.put("body", "{\\"error\\":\\"no route " + method + " " + path + "\\"}");
                        }
                        return response;
                    }
                }
                """);
        Files.writeString(app.resolve("LambdaHandler.java"), """
                package fixture.app;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.nio.charset.StandardCharsets;
                import java.util.Base64;
                import java.util.Map;

                public class LambdaHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                    @Override
                    @SuppressWarnings("unchecked")
                    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                        boolean v2 = "2.0".equals(event.get("version"));
                        Map<String, Object> http = v2
                                ? (Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http")
                                : null;
                        String method = v2 ? (String) http.get("method") : (String) event.get("httpMethod");
                        String path = v2 ? (String) event.get("rawPath") : (String) event.get("path");
                        Map<String, Object> query = (Map<String, Object>) event.get("queryStringParameters");
                        Map<String, Object> headers = (Map<String, Object>) event.get("headers");
                        String correlationId = null;
                        if (headers != null) {
                            for (Map.Entry<String, Object> header : headers.entrySet()) {
                                if (header.getKey().equalsIgnoreCase("X-Correlation-Id")) {
                                    correlationId = (String) header.getValue();
                                }
                            }
                        }
                        String body = (String) event.get("body");
                        if (body != null && Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
                            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
                        }
                        if (correlationId != null) {
                            Log.request(context.getAwsRequestId(), correlationId, method, path);
                        }
                        return Routes.answer(method, path, query == null ? null : (String) query.get("name"), body,
                                correlationId);
                    }
                }
                """);
        Files.writeString(app.resolve("Log.java"), """
                package fixture.app;

                /** One JSON line per request with its Lambda request id and correlation id, as the generated projects log. */
                public final class Log {
                    public static void message(String awsRequestId, String messageId) {
                        System.out.println("{\\"level\\":\\"INFO\\",\\"message\\":\\"message " + messageId
                                + " handled\\",\\"AWSRequestId\\":\\"" + awsRequestId + "\\"}");
                    }

                    public static void request(String awsRequestId, String correlationId, String method, String path) {
                        System.out.println("{\\"level\\":\\"INFO\\",\\"message\\":\\"" + method + " " + path
                                + "\\",\\"awsRequestId\\":\\"" + awsRequestId + "\\",\\"correlationId\\":\\"" + correlationId + "\\"}");
                    }
                }
                """);
        Files.writeString(app.resolve("UnsafeHandler.java"), """
                package fixture.app;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.util.Map;

                /** Right one invocation at a time, wrong when they overlap: the request kept in a static field. */
                public class UnsafeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                    private static Map<String, Object> current;

                    @Override
                    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                        current = event;
                        try {
                            Thread.sleep(50); // a database call, say
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return new LambdaHandler().handleRequest(current, context);
                    }
                }
                """);
        Files.writeString(app.resolve("ThrowingHandler.java"), """
                package fixture.app;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.util.Map;

                public class ThrowingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                    @Override
                    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                        throw new IllegalStateException("%s");
                    }
                }
                """.formatted(THROWN_MESSAGE));
        Files.writeString(app.resolve("SilentHandler.java"), """
                package fixture.app;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
                import java.io.InputStream;
                import java.io.OutputStream;

                /** Never answers, like a handler stuck on a connection that does not time out. */
                public class SilentHandler implements RequestStreamHandler {
                    @Override
                    public void handleRequest(InputStream input, OutputStream output, Context context) {
                        while (true) {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException ignored) {
                                // keep not answering
                            }
                        }
                    }
                }
                """);
        Files.writeString(app.resolve("QueueWorker.java"), """
                package fixture.app;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.Map;

                /** An SQS batch handler reporting the messages without an "item" as failed (ReportBatchItemFailures). */
                public class QueueWorker implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                    @Override
                    @SuppressWarnings("unchecked")
                    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                        List<Map<String, String>> failures = new ArrayList<>();
                        for (Map<String, Object> message : (List<Map<String, Object>>) event.get("Records")) {
                            Log.message(context.getAwsRequestId(), (String) message.get("messageId"));
                            if (!String.valueOf(message.get("body")).contains("\\"item\\"")) {
                                failures.add(Map.of("itemIdentifier", (String) message.get("messageId")));
                            }
                        }
                        return Map.of("batchItemFailures", failures);
                    }
                }
                """);
        Files.writeString(app.resolve("NotAHandler.java"), """
                package fixture.app;

                public class NotAHandler {
                    public String handleRequest(String input) {
                        return input;
                    }
                }
                """);
        Files.writeString(app.resolve("Application.java"), """
                package fixture.app;

                import com.sun.net.httpserver.HttpServer;
                import java.io.OutputStream;
                import java.net.InetSocketAddress;
                import java.net.URLDecoder;
                import java.nio.charset.StandardCharsets;
                import java.util.Map;

                /** The same routes as a plain HTTP server on $PORT, as Dockerfile.server runs it. */
                public final class Application {
                    public static void main(String[] args) throws Exception {
                        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                        server.createContext("/", exchange -> {
                            String query = exchange.getRequestURI().getRawQuery();
                            String name = null;
                            if (query != null) {
                                for (String pair : query.split("&")) {
                                    if (pair.startsWith("name=")) {
                                        name = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                                    }
                                }
                            }
                            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                            Map<String, Object> answer = Routes.answer(exchange.getRequestMethod(),
                                    exchange.getRequestURI().getPath(), name, body,
                                    exchange.getRequestHeaders().getFirst("X-Correlation-Id"));
                            @SuppressWarnings("unchecked")
                            Map<String, String> headers = (Map<String, String>) answer.get("headers");
                            headers.forEach(exchange.getResponseHeaders()::set);
                            byte[] bytes = ((String) answer.get("body")).getBytes(StandardCharsets.UTF_8);
                            exchange.sendResponseHeaders((Integer) answer.get("statusCode"), bytes.length);
                            try (OutputStream out = exchange.getResponseBody()) {
                                out.write(bytes);
                            }
                        });
                        server.start();
                        System.out.println("listening on " + port);
                    }
                }
                """);
    }

    private static void jar(Path jar, Path classesRoot, List<Path> classFiles) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path classFile : classFiles) {
                out.putNextEntry(new JarEntry(classesRoot.relativize(classFile).toString().replace('\\', '/')));
                Files.copy(classFile, out);
                out.closeEntry();
            }
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }

    private static void copyTree(Path source, Path target) {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
