package io.github.lambdacontainer.archetype.contract.benchmark;

import io.github.lambdacontainer.archetype.contract.image.StaticContract;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeInterfaceClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * The benchmark's two floors, projects whose handler answers every event with the same fixed
 * response, so what remains of a cold start is the JVM, the runtime interface client and the way
 * the function is packaged and started:
 * <ul>
 *   <li>{@link #stock}: the handler in the task root, started by the base image's own bootstrap
 *       (what a user gets from AWS's images with nothing of ours);
 *   <li>{@link #trained}: the handler packaged and started exactly as a generated image is (its jar
 *       in {@code lib/}, the generated Dockerfile, entry point and training step, hence its own
 *       class-data archive and the same JVM flags): the limit of the technique.
 * </ul>
 */
final class FloorProjects {

    /** The floor's one answer, what a generated project answers to the event (events/expected.json). */
    private static final String ANSWER = "{\\\"statusCode\\\":200,\\\"headers\\\":{\\\"Content-Type\\\":"
            + "\\\"application/json\\\"},\\\"body\\\":\\\"{\\\\\\\"message\\\\\\\":\\\\\\\"hello, Ada!\\\\\\\"}\\\"}";

    private static final String HANDLER = """
            package %s;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.charset.StandardCharsets;

            public class %s implements RequestStreamHandler {
                private static final byte[] ANSWER = "%s".getBytes(StandardCharsets.UTF_8);

                @Override
                public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
                    input.readAllBytes();
                    output.write(ANSWER);
                }
            }
            """;

    /**
     * The jars of a generated {@code lib/} a trivial handler needs: the runtime interface client
     * (which the generated image ships) and what it depends on, found by their artifact names.
     */
    private static final List<String> RUNTIME_JARS = List.of("aws-lambda-java-core-", "aws-lambda-java-runtime-interface-client-",
            "aws-lambda-java-serialization-", "utils-lite-", "annotations-");

    private FloorProjects() {}

    /** The stock floor: {@code floor.FloorHandler} in the task root of a plain base image. */
    static Path stock(Path directory, int javaVersion, Path event) throws IOException {
        Path sources = directory.resolve("src/floor");
        Files.createDirectories(sources);
        Path source = sources.resolve("FloorHandler.java");
        Files.writeString(source, HANDLER.formatted("floor", "FloorHandler", ANSWER));
        Path classes = directory.resolve("target/classes");
        Path lib = directory.resolve("target/lib");
        Files.createDirectories(lib);
        compile(javaVersion, List.of(source), null, List.of(RuntimeInterfaceClient.lambdaCoreJar()), classes);
        Files.copy(RuntimeInterfaceClient.lambdaCoreJar(), lib.resolve("aws-lambda-java-core.jar"));
        Files.writeString(directory.resolve("pom.xml"), """
                <project><modelVersion>4.0.0</modelVersion><groupId>floor</groupId><artifactId>floor</artifactId>
                <version>1</version><properties><java.version>%d</java.version></properties></project>
                """.formatted(javaVersion));
        for (String architecture : List.of("arm64", "x86_64")) {
            Files.writeString(directory.resolve("Dockerfile." + architecture), """
                    FROM --platform=%s public.ecr.aws/lambda/java:%d
                    COPY target/classes ${LAMBDA_TASK_ROOT}
                    COPY target/lib ${LAMBDA_TASK_ROOT}/lib
                    CMD [ "floor.FloorHandler::handleRequest" ]
                    """.formatted(StaticContract.LAMBDA_PLATFORMS.get(architecture), javaVersion));
        }
        writeServerDockerfile(directory, javaVersion, "target/classes", "floor.FloorHandler");
        Files.writeString(directory.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  FloorFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      Architectures: [x86_64]
                      MemorySize: 1024
                      Timeout: 30
                      LoggingConfig:
                        LogFormat: JSON
                      Events:
                        Api:
                          Type: Api
                          Properties:
                            Path: /{proxy+}
                            Method: ANY
                    Metadata:
                      Dockerfile: Dockerfile.x86_64
                      DockerContext: .
                """);
        writeEvents(directory, event);
        return directory;
    }

    /**
     * The trained floor: a copy of {@code model} (a generated Java 25 project without a worker, already
     * packaged) whose {@code LambdaHandler} is the trivial one; its {@code StartupTraining} and
     * whatever that uses are the model's own sources, compiled with it into the one jar in
     * {@code lib/}, beside the runtime interface client's jars.
     */
    static Path trained(Path directory, Path model, String event) throws IOException {
        Path modelSources = model.resolve("src/main/java");
        Path training;
        try (Stream<Path> files = Files.walk(modelSources)) {
            training = files.filter(file -> file.getFileName().toString().equals("StartupTraining.java")).findFirst()
                    .orElseThrow(() -> new AssertionError(model + " has no StartupTraining.java to train the floor with"));
        }
        Path packageDirectory = modelSources.relativize(training.getParent());
        String packageName = packageDirectory.toString().replace('/', '.');
        Path sources = directory.resolve("src").resolve(packageDirectory);
        Files.createDirectories(sources);
        Path handler = sources.resolve("LambdaHandler.java");
        Files.writeString(handler, HANDLER.formatted(packageName, "LambdaHandler", ANSWER));

        // Its dependencies' jars, not its own (whose classes would hide the sources compiled here).
        String ownJar = model.getFileName() + "-";
        List<Path> modelJars;
        try (Stream<Path> jars = Files.list(model.resolve("target/lib"))) {
            modelJars = jars.map(Path::getFileName).map(Path::toString)
                    .filter(name -> name.endsWith(".jar") && !name.startsWith(ownJar))
                    .sorted().map(name -> model.resolve("target/lib").resolve(name)).toList();
        }
        Path classes = directory.resolve("target/classes");
        compile(25, List.of(handler, training), modelSources, modelJars, classes);
        Path lib = directory.resolve("target/lib");
        Files.createDirectories(lib);
        jar(classes, lib.resolve("floor-1.jar"));
        for (Path jar : modelJars) {
            String name = jar.getFileName().toString();
            if (RUNTIME_JARS.stream().anyMatch(name::startsWith)) {
                Files.copy(jar, lib.resolve(name));
            }
        }
        copyTree(model.resolve("target/jni"), directory.resolve("target/jni"));
        copyTree(model.resolve("src/main/docker"), directory.resolve("src/main/docker"));
        writeServerDockerfile(directory, 25, "target/lib", packageName + ".LambdaHandler"); // what .dockerignore lets in
        for (String file : List.of("pom.xml", "template.yaml", "Dockerfile.x86_64", "Dockerfile.arm64", ".dockerignore")) {
            if (Files.exists(model.resolve(file))) {
                Files.copy(model.resolve(file), directory.resolve(file));
            }
        }
        writeEvents(directory, model.resolve("events").resolve(event));
        return directory;
    }

    /**
     * A copy of the trained floor whose entry point leaves out what it adds to the base image's
     * start for the runtime client's JNI library (its path, and on Java 25 the native-access grant),
     * so the client unpacks the library to /tmp at every start and the JVM prints its
     * restricted-method warning: what those two flags save.
     */
    static Path withoutJniFlags(Path directory, Path trainedFloor) throws IOException {
        copyTree(trainedFloor, directory);
        Path entrypoint = directory.resolve("src/main/docker/entrypoint.sh");
        List<String> lines = Files.readAllLines(entrypoint);
        List<String> kept = lines.stream()
                .filter(line -> !(line.startsWith("set -- ") && (line.contains("NativeClient.JNI=") || line.contains("--enable-native-access"))))
                .toList();
        if (lines.size() - kept.size() != 2) {
            throw new AssertionError("expected the entry point to set the JNI library's path and native access in one line "
                    + "each (set -- ...), but removed " + (lines.size() - kept.size()) + " lines of " + entrypoint);
        }
        Files.write(entrypoint, kept);
        return directory;
    }

    /** Only the benchmark's event, the same bytes the variants get, and what the floor answers to it. */
    private static void writeEvents(Path directory, Path event) throws IOException {
        Path events = directory.resolve("events");
        Files.createDirectories(events);
        Files.copy(event, events.resolve(event.getFileName()));
        Files.writeString(events.resolve(GeneratedProject.EXPECTED_FILE), """
                {"%s": {"statusCode": 200, "body": {"message": "hello, Ada!"}}}
                """.formatted(event.getFileName()));
    }

    /** The contract wants a server image too; the floors are never run as one. */
    private static void writeServerDockerfile(Path directory, int javaVersion, String classes, String mainClass)
            throws IOException {
        Files.writeString(directory.resolve("Dockerfile.server"), """
                FROM eclipse-temurin:%d-jre
                COPY %s /app/classes
                EXPOSE 8080
                ENV PORT=8080
                CMD [ "java", "-cp", "/app/classes", "%s" ]
                """.formatted(javaVersion, classes, mainClass));
    }

    private static void compile(int javaVersion, List<Path> sources, Path sourcePath, List<Path> classPath, Path classes)
            throws IOException {
        Files.createDirectories(classes);
        List<String> arguments = new ArrayList<>(List.of("--release", Integer.toString(javaVersion), "-implicit:class",
                "-cp", String.join(":", classPath.stream().map(Path::toString).toList()), "-d", classes.toString()));
        if (sourcePath != null) {
            arguments.addAll(List.of("-sourcepath", sourcePath.toString()));
        }
        sources.forEach(source -> arguments.add(source.toString()));
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new AssertionError("the floor handler did not compile: javac " + String.join(" ", arguments));
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> entries = Files.walk(classes)) {
            for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString()));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
