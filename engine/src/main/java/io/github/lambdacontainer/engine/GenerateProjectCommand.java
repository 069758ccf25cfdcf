package io.github.lambdacontainer.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line (generate-project.sh): {@code java -jar lambda-container-engine.jar --archetype JAR
 * -DgroupId=... -DartifactId=... [-Doption=value ...] [-DoutputDirectory=DIR]}, the -D names
 * archetype:generate takes. Writes DIR/artifactId (DIR: the working directory by default); a refused
 * option fails with archetype:generate's sentences and writes nothing.
 */
public final class GenerateProjectCommand {

    /** What one passes to mvn archetype:generate out of habit; nothing to do here. */
    private static final Set<String> MAVEN_SWITCHES = Set.of("-B", "--batch-mode", "-q", "--quiet", "-o", "--offline");

    private GenerateProjectCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command: 0 when the project is written, 1 when refused (the sentences on stderr), 2 on a usage error. */
    public static int run(String[] args) {
        Path archetypeJar = null;
        Path outputDirectory = Path.of("");
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--archetype") && i + 1 < args.length) {
                archetypeJar = Path.of(args[++i]);
            } else if (arg.startsWith("-DoutputDirectory=")) {
                outputDirectory = Path.of(arg.substring("-DoutputDirectory=".length()));
            } else if (arg.startsWith("-D") && arg.length() > 2) {
                int equals = arg.indexOf('=');
                // -Dname alone is name=true, as Maven reads it.
                answers.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                        equals < 0 ? "true" : arg.substring(equals + 1));
            } else if (MAVEN_SWITCHES.contains(arg)) {
                continue;
            } else {
                System.err.println("Unknown argument '" + arg + "'. Usage: --archetype ARCHETYPE_JAR -DgroupId=... "
                        + "-DartifactId=... [-Doption=value ...] [-DoutputDirectory=DIR]; options: README.md.");
                return 2;
            }
        }
        if (archetypeJar == null) {
            System.err.println("Which archetype? Give --archetype ARCHETYPE_JAR (the archetype module's target/*.jar).");
            return 2;
        }
        try (Archetype archetype = Archetype.open(archetypeJar)) {
            Path projectDir = archetype.generate(answers).writeTo(outputDirectory.toAbsolutePath().normalize());
            System.out.println("Project created from Archetype in dir: " + projectDir);
            return 0;
        } catch (RefusedOptionsException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
