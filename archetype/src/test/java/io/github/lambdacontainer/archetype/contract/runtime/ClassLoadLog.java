package io.github.lambdacontainer.archetype.contract.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a JVM's {@code -Xlog:class+load=info} log says about where each class came from: lines like
 * {@code [info][class,load] com.example.LambdaHandler source: shared objects file} for a class
 * mapped from a class-data archive (CDS, AOT cache; {@code (top)} for a dynamic one), or
 * {@code source: file:/var/task/lib/app.jar} for one loaded from a jar.
 */
public record ClassLoadLog(Map<String, String> sources) {

    /** Its file name in a run's JVM log directory. */
    static final String FILE = "class-load.log";
    private static final String SOURCE = " source: ";
    private static final String ARCHIVE = "shared objects file";
    /** How JDK 25 and later may also name an AOT cache. */
    private static final String AOT_CACHE = "AOT cache";

    /** Reads the log; an absent log (the JVM never started) reads as no classes. */
    public static ClassLoadLog read(Path log) {
        if (!Files.isRegularFile(log)) {
            return new ClassLoadLog(Map.of());
        }
        try {
            return parse(Files.readAllLines(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClassLoadLog parse(List<String> lines) {
        Map<String, String> sources = new HashMap<>();
        for (String line : lines) {
            int tags = line.indexOf("[class,load] ");
            int source = line.indexOf(SOURCE);
            if (tags >= 0 && source > tags) {
                String className = line.substring(tags + "[class,load] ".length(), source).strip();
                sources.putIfAbsent(className, line.substring(source + SOURCE.length()).strip());
            }
        }
        return new ClassLoadLog(Map.copyOf(sources));
    }

    public static boolean isArchive(String source) {
        return source.startsWith(ARCHIVE) || source.startsWith(AOT_CACHE);
    }

    /**
     * Whether a class was read from a jar or a class file ({@code file:}, {@code jar:}), as opposed
     * to an archive, the runtime image ({@code jrt:/}) or generated at run time (a lambda or proxy,
     * whose source is the class that made it).
     */
    public static boolean isJar(String source) {
        return source.startsWith("file:") || source.startsWith("jar:");
    }

    /** The classes whose name starts with {@code prefix} that were read from jars, sorted. */
    public List<String> fromJars(String prefix) {
        return sources.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix) && isJar(entry.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** How many classes whose name starts with {@code prefix} were loaded. */
    public int loaded(String prefix) {
        return (int) sources.keySet().stream().filter(name -> name.startsWith(prefix)).count();
    }

    public int classesFromJars() {
        return (int) sources.values().stream().filter(ClassLoadLog::isJar).count();
    }

    public Optional<String> sourceOf(String className) {
        return Optional.ofNullable(sources.get(className));
    }

    public int classesLoaded() {
        return sources.size();
    }

    public int classesFromArchive() {
        return (int) sources.values().stream().filter(ClassLoadLog::isArchive).count();
    }
}
