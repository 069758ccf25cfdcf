package io.github.lambdacontainer.engine;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The post-generate rules compiled into the archetype jar (its ProjectRules class), loaded in a class
 * loader of their own over the jar with only the JDK above it, as the archetype plugin's jar loader has:
 * each archetype version brings its own rules, and only JDK types cross over, so the engine calls them
 * by name.
 */
final class ArchetypeRules implements AutoCloseable {

    static final String RULES_CLASS = "io.github.lambdacontainer.archetype.rules.ProjectRules";

    private final URLClassLoader loader;
    private final Class<?> rules;

    ArchetypeRules(Path archetypeJar) throws IOException {
        loader = new URLClassLoader(new URL[] {archetypeJar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        try {
            rules = loader.loadClass(RULES_CLASS);
        } catch (ClassNotFoundException e) {
            loader.close();
            throw new IOException(archetypeJar + " has no post-generate rules (" + RULES_CLASS + ")", e);
        }
    }

    /** name, description, supported values (empty: free text), in the archetype's order; no defaults. */
    @SuppressWarnings("unchecked")
    List<Option> options() {
        return ((List<?>) call("options")).stream()
                .map(option -> new Option((String) read(option, "name"), (String) read(option, "description"),
                        List.copyOf((List<String>) read(option, "supported")), null))
                .toList();
    }

    @SuppressWarnings("unchecked")
    List<RefusedCombination> refusedCombinations() {
        return ((List<?>) call("refusedCombinations")).stream()
                .map(combination -> new RefusedCombination(Map.copyOf((Map<String, String>) read(combination, "when")),
                        (String) read(combination, "reason")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    List<String> problems(Collection<String> commandLineNames, Properties properties) {
        return (List<String>) call("problems", new Class<?>[] {Collection.class, Properties.class}, commandLineNames,
                properties);
    }

    @SuppressWarnings("unchecked")
    Map<String, String> variantMoves(Collection<String> projectFiles) {
        return (Map<String, String>) call("variantMoves", new Class<?>[] {Collection.class}, projectFiles);
    }

    boolean isExecutable(String projectFile) {
        return (Boolean) call("isExecutable", new Class<?>[] {String.class}, projectFile);
    }

    String generateGoal() {
        return (String) call("generateGoal");
    }

    String archetypePropertiesPath() {
        try {
            return (String) rules.getField("ARCHETYPE_PROPERTIES").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(RULES_CLASS + " has no ARCHETYPE_PROPERTIES", e);
        }
    }

    String archetypeProperties(ArchetypeCoordinates archetype, Properties properties) {
        return (String) call("archetypeProperties",
                new Class<?>[] {String.class, String.class, String.class, Properties.class},
                archetype.groupId(), archetype.artifactId(), archetype.version(), properties);
    }

    private Object call(String method) {
        return call(method, new Class<?>[0]);
    }

    private Object call(String name, Class<?>[] parameterTypes, Object... arguments) {
        Method method;
        try {
            method = rules.getMethod(name, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(RULES_CLASS + " has no method " + name, e);
        }
        try {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            // The rules' own failure (e.g. two variants providing one file): rethrown as it is.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(Object record, String component) {
        try {
            return record.getClass().getMethod(component).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(record.getClass() + " has no " + component, e);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
