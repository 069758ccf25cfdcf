package io.github.lambdacontainer.archetype.contract.image;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a handler string ({@code a.b.C::method} or {@code a.b.C}) names a class in the laid-out
 * task root that Lambda can call: loaded, without initialising it, from the task root and its
 * {@code lib/*.jar} only (as the runtime interface client's customer class loader sees them), with
 * aws-lambda-java-core as the parent, as the base image provides it.
 */
final class HandlerCheck {

    static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    static final String REQUEST_STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";

    private HandlerCheck() {}

    /** Why the handler cannot be used, or empty when it can. */
    static Optional<String> problem(String handler, Path taskRoot, Path lambdaCoreJar) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : null;
        if (!className.matches("([\\p{L}_$][\\p{L}\\p{N}_$]*\\.)*[\\p{L}_$][\\p{L}\\p{N}_$]*")
                || (methodName != null && !methodName.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*"))) {
            return Optional.of("`" + handler + "` is not a handler of the form package.Class::method");
        }
        try (URLClassLoader core = new URLClassLoader(new URL[] {lambdaCoreJar.toUri().toURL()},
                        ClassLoader.getPlatformClassLoader());
                URLClassLoader customer = new URLClassLoader(taskRootUrls(taskRoot), core)) {
            Class<?> handlerClass;
            try {
                handlerClass = Class.forName(className, false, customer);
            } catch (ClassNotFoundException e) {
                return Optional.of("class " + className + " is not in the image's task root " + taskRoot
                        + " (classes or lib/*.jar)");
            } catch (LinkageError e) {
                return Optional.of("class " + className + " cannot be loaded from the task root: " + e);
            }
            Class<?> requestHandler = core.loadClass(REQUEST_HANDLER);
            Class<?> streamHandler = core.loadClass(REQUEST_STREAM_HANDLER);
            try {
                return shapeProblem(handlerClass, methodName, requestHandler, streamHandler);
            } catch (LinkageError e) {
                return Optional.of("class " + className + " refers to classes missing from the task root: " + e);
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("cannot inspect handler " + handler + ": " + e, e);
        }
    }

    private static Optional<String> shapeProblem(Class<?> handlerClass, String methodName, Class<?> requestHandler,
            Class<?> streamHandler) {
        String className = handlerClass.getName();
        if (!requestHandler.isAssignableFrom(handlerClass) && !streamHandler.isAssignableFrom(handlerClass)) {
            return Optional.of("class " + className + " implements neither " + REQUEST_HANDLER + " nor "
                    + REQUEST_STREAM_HANDLER);
        }
        if (Modifier.isAbstract(handlerClass.getModifiers())) {
            return Optional.of("class " + className + " is abstract, so Lambda cannot instantiate it");
        }
        if (methodName != null && Arrays.stream(handlerClass.getMethods()).map(Method::getName)
                .noneMatch(methodName::equals)) {
            return Optional.of("class " + className + " has no public method " + methodName);
        }
        return Optional.empty();
    }

    private static URL[] taskRootUrls(Path taskRoot) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(taskRoot));
        Path lib = taskRoot.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(url(jar));
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }
}
