package io.github.lambdacontainer.archetype.contract.dockerfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The build context's {@code .dockerignore}: a file it excludes is not there for COPY, which is how
 * a project that builds fine still fails {@code docker build} (e.g. an ignored {@code target/}).
 * Follows Docker's rules: the last matching pattern wins, {@code !} re-includes, {@code **} spans
 * directories, and a pattern that matches a directory excludes everything below it.
 */
public final class DockerIgnore {

    private record Rule(int line, String pattern, Pattern regex, boolean exclude) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    public static DockerIgnore of(Path contextDirectory) {
        Path file = contextDirectory.resolve(".dockerignore");
        List<Rule> rules = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String text = lines.get(i).strip();
                    if (text.isEmpty() || text.startsWith("#")) {
                        continue;
                    }
                    boolean exclude = !text.startsWith("!");
                    String pattern = clean(exclude ? text : text.substring(1).strip());
                    rules.add(new Rule(i + 1, pattern, toRegex(pattern), exclude));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** The rule that excludes {@code relativePath} (slash-separated, relative to the context), if any. */
    public Optional<String> exclusionOf(String relativePath) {
        String path = clean(relativePath);
        Rule decisive = null;
        for (Rule rule : rules) {
            if (matchesOrParentMatches(rule.regex(), path)) {
                decisive = rule;
            }
        }
        return decisive != null && decisive.exclude()
                ? Optional.of(".dockerignore line " + decisive.line() + " (" + decisive.pattern() + ")")
                : Optional.empty();
    }

    private static boolean matchesOrParentMatches(Pattern regex, String path) {
        String candidate = path;
        while (true) {
            if (regex.matcher(candidate).matches()) {
                return true;
            }
            int slash = candidate.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    private static String clean(String pattern) {
        String cleaned = Path.of(pattern.replace('\\', '/')).normalize().toString();
        while (cleaned.startsWith("/")) {
            cleaned = cleaned.substring(1);
        }
        return cleaned;
    }

    private static Pattern toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                    regex.append("/?"); // "**/" also matches no directory at all
                    i++;
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
