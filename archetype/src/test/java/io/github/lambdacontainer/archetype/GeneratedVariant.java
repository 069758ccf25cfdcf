package io.github.lambdacontainer.archetype;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A project the archetype's integration tests generated and built: its name (the directory under
 * src/test/resources/projects), the generated project's directory, and the options it was
 * generated with (archetype.properties; an option left out has its default).
 */
public record GeneratedVariant(String name, Path project, Properties options) {

    static final Path PROJECTS = Path.of(System.getProperty("container-contract.projects", "target/test-classes/projects"));

    public String framework() {
        return options.getProperty("framework", "springboot");
    }

    public String database() {
        return options.getProperty("database", "mysql");
    }

    public String worker() {
        return options.getProperty("worker", "none");
    }

    public String javaVersion() {
        return options.getProperty("javaVersion", "25");
    }

    /** The API's payload format version: 1.0 behind a REST API, 2.0 behind an HTTP API or a function URL. */
    public String payloadVersion() {
        return options.getProperty("api", "rest").equals("rest") ? "1.0" : "2.0";
    }

    /** Whether it runs on Lambda Managed Instances (many invocations per environment at once). */
    boolean managedInstances() {
        return Boolean.parseBoolean(options.getProperty("managedInstances", "false"));
    }

    /** How many options it sets besides the Maven coordinates: fewer is closer to the defaults. */
    int optionsSet() {
        return (int) options.stringPropertyNames().stream()
                .filter(name -> !List.of("groupId", "artifactId", "version", "package").contains(name)).count();
    }

    /**
     * Every generated project under {@link #PROJECTS}, by name; each variant directory must hold
     * exactly one: the directory with its pom.xml under {@code project/}.
     */
    public static List<GeneratedVariant> all() {
        List<GeneratedVariant> variants = new ArrayList<>();
        if (!Files.isDirectory(PROJECTS)) {
            return variants;
        }
        try (Stream<Path> directories = Files.list(PROJECTS)) {
            for (Path directory : directories.filter(Files::isDirectory).sorted().toList()) {
                Path file = directory.resolve("archetype.properties");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Properties options = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    options.load(reader);
                }
                Path generated = directory.resolve("project");
                List<Path> projects;
                try (Stream<Path> entries = Files.isDirectory(generated) ? Files.list(generated) : Stream.empty()) {
                    projects = entries.filter(entry -> Files.isRegularFile(entry.resolve("pom.xml"))).sorted().toList();
                }
                if (projects.size() != 1) {
                    throw new AssertionError("variant " + directory.getFileName() + " must have exactly one generated "
                            + "project (a directory with a pom.xml) under " + generated + " but has " + projects);
                }
                variants.add(new GeneratedVariant(directory.getFileName().toString(), projects.getFirst(), options));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variants;
    }

    /**
     * The Java 25 project of each framework that sets the fewest options (the defaults, as users
     * meet them first); fails unless every framework has one.
     */
    public static List<GeneratedVariant> oneJava25ProjectPerFramework() {
        List<GeneratedVariant> variants = onePerFramework(all(), "25");
        Set<String> frameworks = Set.copyOf(variants.stream().map(GeneratedVariant::framework).toList());
        if (!frameworks.equals(Set.of("springboot", "jersey", "plain"))) {
            throw new AssertionError("a Java 25 project of each framework among the generated projects under "
                    + PROJECTS.toAbsolutePath() + ", but there are only " + frameworks);
        }
        return variants;
    }

    /**
     * One project per framework and payload version: one with the queue worker where there is one
     * (so both kinds of function are covered), else the one that sets the fewest options.
     */
    static List<GeneratedVariant> onePerFrameworkAndPayloadVersion(List<GeneratedVariant> variants) {
        Map<String, GeneratedVariant> chosen = new LinkedHashMap<>();
        variants.stream()
                .sorted(Comparator.comparing((GeneratedVariant variant) -> !variant.worker().equals("sqs"))
                        .thenComparingInt(GeneratedVariant::optionsSet).thenComparing(GeneratedVariant::name))
                .forEach(variant -> chosen.putIfAbsent(variant.framework() + " " + variant.payloadVersion(), variant));
        return List.copyOf(chosen.values());
    }

    /** Of {@code variants} with that Java version, the one per framework that sets the fewest options. */
    static List<GeneratedVariant> onePerFramework(List<GeneratedVariant> variants, String javaVersion) {
        Map<String, GeneratedVariant> chosen = new LinkedHashMap<>();
        variants.stream()
                .filter(variant -> variant.javaVersion().equals(javaVersion))
                .sorted(Comparator.comparingInt(GeneratedVariant::optionsSet).thenComparing(GeneratedVariant::name))
                .forEach(variant -> chosen.putIfAbsent(variant.framework(), variant));
        return List.copyOf(chosen.values());
    }
}
