package io.github.lambdacontainer.archetype.contract.runtime;

import io.github.lambdacontainer.archetype.contract.image.ImageLayout;
import io.github.lambdacontainer.archetype.contract.project.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * How the AWS Lambda Java base images start a function, reproduced for a laid-out task root: the
 * real aws-lambda-java-runtime-interface-client (from this build's test classpath) on the system
 * class path, the handler as its only argument, the task root as the working directory (the client
 * builds its customer class loader from {@code user.dir} and {@code user.dir/lib/*.jar}, never from
 * the class path), and the JVM flags of the base image's bootstrap.
 */
public final class RuntimeInterfaceClient {

    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** JniHelper loads this file instead of unpacking to the fixed /tmp/.libaws-lambda-jni.so. */
    public static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** Set by Lambda Managed Instances: the client then polls /next from that many threads at once. */
    public static final String MAX_CONCURRENCY_VARIABLE = "AWS_LAMBDA_MAX_CONCURRENCY";

    /** One class from each jar the base image puts on the class path (the client and its Class-Path). */
    private static final List<String> RUNTIME_CLASSES = List.of(
            MAIN_CLASS,
            "com.amazonaws.services.lambda.runtime.RequestHandler",                    // aws-lambda-java-core
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",      // aws-lambda-java-serialization
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal",                 // utils-lite
            "software.amazon.awssdk.annotations.SdkProtectedApi");                     // annotations

    private RuntimeInterfaceClient() {}

    /**
     * The JVM flags of the Java base images' bootstrap, as the official java17 runtime's command
     * line shows them (dumped from a running function, Oct 2024, in
     * github.com/sigpwned/the-lambda-iceberg-dissecting-the-official-java-runtimes): heap at 85% of
     * the function's memory, SerialGC, C1 only, CDS. Deviations: {@code -Xshare:auto} with the JDK's
     * default archive instead of {@code -Xshare:on} with the image's runtime.jsa, and no
     * Log4jHotPatch agent.
     */
    static List<String> jvmFlags(int memoryMb, Path jniLibrary, JavaRuntime java) {
        long heapKb = Math.round(memoryMb * 1024 * 0.85);
        List<String> flags = new ArrayList<>(List.of(
                "-XX:MaxHeapSize=" + heapKb + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-XX:+ErrorFileToStderr",
                "-D" + JNI_PROPERTY + "=" + jniLibrary));
        if (java.feature() >= 24) {
            // JDK 24+ warns when class-path code loads a JNI library (JEP 472) unless allowed; a
            // base image whose bootstrap printed that warning would break its own JSON logs.
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        return List.copyOf(flags);
    }

    /**
     * The bootstrap's command line, with the client's jars copied to {@code runtimeLibrary} (the
     * base image's {@code /var/runtime/lib}), where the function's user can read them.
     */
    static List<String> command(JavaRuntime java, List<String> jvmFlags, String handler, Path runtimeLibrary) {
        List<String> classPath = new ArrayList<>();
        try {
            Files.createDirectories(runtimeLibrary);
            for (Path jar : runtimeClassPath()) {
                Path copy = runtimeLibrary.resolve(jar.getFileName().toString());
                Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
                classPath.add(copy.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(java.javaCommand());
        command.addAll(jvmFlags);
        command.add("-classpath");
        command.add(String.join(":", classPath));
        command.add(MAIN_CLASS);
        command.add(handler);
        return command;
    }

    /**
     * The environment Lambda gives a function (docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html,
     * "Defined runtime environment variables"): the image's environment first
     * ({@link ImageLayout#environment}), then what the service sets, which wins over the image.
     */
    static Map<String, String> environment(Map<String, String> imageEnvironment, JavaRuntime java, String handler,
            String runtimeApi, SamTemplate.ImageFunction function, ImageLayout layout) {
        Map<String, String> environment = new LinkedHashMap<>(imageEnvironment);
        environment.put("LAMBDA_TASK_ROOT", layout.hostPath("/var/task").toString());
        environment.put("LAMBDA_RUNTIME_DIR", layout.hostPath("/var/runtime").toString());
        environment.put("_HANDLER", handler);
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]container-contract");
        // A SnapStart version is initialised once, to be snapshotted: the client then runs the
        // beforeCheckpoint hooks and asks for /restore/next before the first event.
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.snapStart() ? "snap-start" : "on-demand");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        // The execution role's temporary credentials (fake here: nothing reaches AWS).
        environment.put("AWS_ACCESS_KEY_ID", "ASIACONTAINERCONTRACT");
        environment.put("AWS_SECRET_ACCESS_KEY", "container-contract-secret-access-key");
        environment.put("AWS_SESSION_TOKEN", "container-contract-session-token");
        function.logFormat().ifPresent(format -> environment.put("AWS_LAMBDA_LOG_FORMAT", format));
        function.logLevel().ifPresent(level -> environment.put("AWS_LAMBDA_LOG_LEVEL", level));
        function.maxConcurrency().ifPresent(concurrency -> environment.put(MAX_CONCURRENCY_VARIABLE, concurrency.toString()));
        return environment;
    }

    /** Unpacks the client's JNI library for {@code java}'s architecture into {@code directory} (one per run). */
    static Path unpackJniLibrary(Path directory, JavaRuntime java) {
        String architecture = switch (java.architecture()) {
            case "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> throw new AssertionError("the runtime interface client has no JNI library for " + java.architecture());
        };
        String libc = isMusl() ? "linux_musl" : "linux";
        String entry = "jni/libaws-lambda-jni." + libc + "-" + architecture + ".so";
        Path target = directory.resolve("libaws-lambda-jni.so");
        try (JarFile jar = new JarFile(jarOf(MAIN_CLASS).toFile())) {
            var jarEntry = jar.getJarEntry(entry);
            if (jarEntry == null) {
                throw new AssertionError("the runtime interface client jar has no " + entry);
            }
            Files.createDirectories(directory);
            try (InputStream in = jar.getInputStream(jarEntry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The aws-lambda-java-core jar, which the handler check uses as its parent class loader. */
    public static Path lambdaCoreJar() {
        return jarOf("com.amazonaws.services.lambda.runtime.RequestHandler");
    }

    public static List<Path> runtimeClassPath() {
        return RUNTIME_CLASSES.stream().map(RuntimeInterfaceClient::jarOf).distinct().toList();
    }

    private static Path jarOf(String className) {
        try {
            // Not initialised: the client's static initialiser changes JVM-wide security settings.
            Class<?> type = Class.forName(className, false, RuntimeInterfaceClient.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
            throw new AssertionError(className + " is not on the test class path; the container-contract "
                    + "verifier needs com.amazonaws:aws-lambda-java-runtime-interface-client as a test dependency", e);
        }
    }

    private static boolean isMusl() {
        try (var entries = Files.list(Path.of("/lib"))) {
            return entries.anyMatch(path -> path.getFileName().toString().startsWith("ld-musl"));
        } catch (IOException e) {
            return false;
        }
    }
}
