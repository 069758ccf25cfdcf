package io.github.lambdacontainer.archetype.contract.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the subset of Dockerfile syntax the verifier can emulate without a Docker engine, and
 * refuses everything else with the file, the line and the instruction, so a Dockerfile is never
 * "verified" by silently skipping what it does.
 */
public final class DockerfileParser {

    /** ENV and WORKDIR of the AWS Lambda base images (aws/aws-lambda-base-images, Dockerfile.java*). */
    private static final Map<String, String> LAMBDA_BASE_IMAGE_ENV = orderedMap(
            "LANG", "en_US.UTF-8",
            "TZ", ":/etc/localtime",
            "PATH", "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin",
            "LAMBDA_TASK_ROOT", "/var/task",
            "LAMBDA_RUNTIME_DIR", "/var/runtime");
    private static final String LAMBDA_BASE_IMAGE_WORKDIR = "/var/task";
    static final String LAMBDA_BASE_IMAGE_PREFIX = "public.ecr.aws/lambda/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> globalArgs = new LinkedHashMap<>();
    private final Map<String, String> stageArgs = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Dockerfile.Copy> copies = new ArrayList<>();
    private final List<Dockerfile.Run> runs = new ArrayList<>();
    private final Set<Integer> exposedPorts = new LinkedHashSet<>();
    private String baseImage;
    private String platform = "";
    private String workdir = "/";
    private List<String> entrypoint = List.of();
    private int entrypointLine;
    private List<String> cmd = List.of();
    private boolean cmdShellForm;
    private int cmdLine;

    private DockerfileParser(Path file) {
        this.file = file;
    }

    public static Dockerfile parse(Path file) {
        DockerfileParser parser = new DockerfileParser(file);
        try {
            for (LogicalLine line : logicalLines(Files.readAllLines(file))) {
                parser.apply(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (parser.baseImage == null) {
            throw new AssertionError(file.getFileName() + " has no FROM instruction");
        }
        return new Dockerfile(file, parser.baseImage, parser.platform, Map.copyOf(parser.env), parser.workdir,
                List.copyOf(parser.copies), List.copyOf(parser.runs), parser.entrypoint, parser.entrypointLine,
                parser.cmd, parser.cmdShellForm, parser.cmdLine,
                Set.copyOf(parser.exposedPorts));
    }

    private record LogicalLine(int number, String keyword, String arguments) {}

    /** Joins backslash continuations and drops comments, keeping the first physical line's number. */
    private static List<LogicalLine> logicalLines(List<String> physical) {
        List<LogicalLine> result = new ArrayList<>();
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < physical.size(); i++) {
            String line = physical.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (pending == null && trimmed.isEmpty())) {
                continue; // comments may sit inside a continuation, as in Docker
            }
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().strip();
            pending = null;
            int space = indexOfWhitespace(text);
            String keyword = space < 0 ? text : text.substring(0, space);
            String arguments = space < 0 ? "" : text.substring(space).strip();
            result.add(new LogicalLine(start, keyword.toUpperCase(Locale.ROOT), arguments));
        }
        return result;
    }

    private void apply(LogicalLine line) {
        if (baseImage == null && !line.keyword().equals("FROM") && !line.keyword().equals("ARG")) {
            throw refusal(line, "comes before FROM");
        }
        switch (line.keyword()) {
            case "FROM" -> from(line);
            case "ARG" -> arg(line);
            case "ENV" -> env(line);
            case "WORKDIR" -> workdir = absolute(single(line, words(line, line.arguments(), variables())));
            case "COPY" -> copy(line);
            case "CMD" -> cmd(line);
            case "EXPOSE" -> expose(line);
            case "LABEL", "USER" -> { } // no effect on which files exist or what runs
            case "ENTRYPOINT" -> entrypoint(line);
            case "RUN" -> run(line);
            case "ADD" -> throw refusal(line, "may download or unpack archives; use COPY");
            default -> throw refusal(line, "is not an instruction the container-contract verifier knows how to emulate");
        }
    }

    private void from(LogicalLine line) {
        if (baseImage != null) {
            throw refusal(line, "starts a second build stage; multi-stage builds are not emulated");
        }
        List<String> words = words(line, line.arguments(), globalArgs);
        List<String> rest = new ArrayList<>();
        for (String word : words) {
            if (word.startsWith("--platform=")) {
                platform = word.substring("--platform=".length());
            } else if (word.startsWith("--")) {
                throw refusal(line, "uses the option " + word + ", which the verifier does not emulate");
            } else {
                rest.add(word);
            }
        }
        if (rest.size() == 3 && rest.get(1).equalsIgnoreCase("AS")) {
            rest = rest.subList(0, 1);
        }
        baseImage = single(line, rest);
        if (baseImage.startsWith(LAMBDA_BASE_IMAGE_PREFIX)) {
            env.putAll(LAMBDA_BASE_IMAGE_ENV);
            workdir = LAMBDA_BASE_IMAGE_WORKDIR;
        }
    }

    private void arg(LogicalLine line) {
        String declaration = single(line, words(line, line.arguments(), variables()));
        int equals = declaration.indexOf('=');
        String name = equals < 0 ? declaration : declaration.substring(0, equals);
        // No --build-arg is ever passed, so an ARG's value is its default, or the global one.
        String value = equals >= 0 ? declaration.substring(equals + 1) : globalArgs.getOrDefault(name, "");
        (baseImage == null ? globalArgs : stageArgs).put(name, value);
    }

    private void env(LogicalLine line) {
        List<String> words = words(line, line.arguments(), Map.of());
        if (words.isEmpty()) {
            throw refusal(line, "has no variable");
        }
        if (!words.getFirst().contains("=")) { // legacy form: ENV KEY value with spaces
            String text = line.arguments().strip();
            int space = indexOfWhitespace(text);
            if (space < 0) {
                throw refusal(line, "has no value for " + text);
            }
            env.put(text.substring(0, space), String.join(" ", words(line, text.substring(space), variables())));
            return;
        }
        Map<String, String> assigned = new LinkedHashMap<>();
        for (String word : words(line, line.arguments(), variables())) {
            int equals = word.indexOf('=');
            if (equals <= 0) {
                throw refusal(line, "mixes KEY=VALUE pairs with `" + word + "`");
            }
            assigned.put(word.substring(0, equals), word.substring(equals + 1));
        }
        env.putAll(assigned); // all pairs of one ENV see the values from before it, as in Docker
    }

    private void copy(LogicalLine line) {
        if (!runs.isEmpty()) {
            throw refusal(line, "comes after a RUN; the verifier replays RUN steps once every COPY is laid out, "
                    + "so put the COPY instructions first");
        }
        String arguments = line.arguments().strip();
        List<String> words = arguments.startsWith("[") ? jsonArray(line, arguments)
                : words(line, arguments, variables());
        List<String> paths = new ArrayList<>();
        for (String word : words) {
            if (word.startsWith("--from")) {
                throw refusal(line, "copies from another image or stage (" + word + "); only the build context "
                        + "can be laid out without a Docker engine");
            } else if (word.startsWith("--chown") || word.startsWith("--chmod") || word.equals("--link")) {
                continue; // ownership and layering do not change which files end up where
            } else if (word.startsWith("--")) {
                throw refusal(line, "uses the option " + word + ", which the verifier does not emulate");
            }
            paths.add(word);
        }
        if (paths.size() < 2) {
            throw refusal(line, "needs at least one source and a destination");
        }
        String destination = paths.getLast();
        copies.add(new Dockerfile.Copy(line.number(), List.copyOf(paths.subList(0, paths.size() - 1)),
                absolute(destination), destination.endsWith("/")));
    }

    /**
     * Only the exec form: the shell form would run {@code /bin/sh -c} and drop CMD, which is how
     * Lambda passes the handler (and ImageConfig.Command replaces it).
     */
    private void entrypoint(LogicalLine line) {
        if (!line.arguments().strip().startsWith("[")) {
            throw refusal(line, "is in shell form, which ignores CMD and so the handler; write the exec form "
                    + "ENTRYPOINT [\"/bin/sh\", \"/path/in/image/script.sh\"]");
        }
        entrypoint = jsonArray(line, line.arguments().strip());
        entrypointLine = line.number();
        if (entrypoint.isEmpty()) {
            throw refusal(line, "is empty");
        }
    }

    /**
     * A build step the verifier replays on the laid-out image: exec form only, so what runs is
     * exactly the listed program; which programs may run is checked when the image is laid out.
     */
    private void run(LogicalLine line) {
        if (!line.arguments().strip().startsWith("[")) {
            throw refusal(line, "is in shell form; the verifier replays only the exec form RUN [\"/bin/sh\", "
                    + "\"/path/in/image/script.sh\", ...] of a script this Dockerfile copies into the image");
        }
        List<String> command = jsonArray(line, line.arguments().strip());
        if (command.isEmpty()) {
            throw refusal(line, "is empty");
        }
        runs.add(new Dockerfile.Run(line.number(), command));
    }

    private void cmd(LogicalLine line) {
        String arguments = line.arguments().strip();
        cmdLine = line.number();
        if (arguments.startsWith("[")) {
            cmd = jsonArray(line, arguments); // exec form: Docker expands no variables here
            cmdShellForm = false;
        } else {
            cmd = List.of("/bin/sh", "-c", arguments);
            cmdShellForm = true;
        }
    }

    private void expose(LogicalLine line) {
        for (String word : words(line, line.arguments(), variables())) {
            String port = word.contains("/") ? word.substring(0, word.indexOf('/')) : word;
            try {
                exposedPorts.add(Integer.parseInt(port));
            } catch (NumberFormatException e) {
                throw refusal(line, "exposes `" + word + "`, which is not a port number");
            }
        }
    }

    private List<String> jsonArray(LogicalLine line, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            List<String> items = new ArrayList<>();
            if (node.isArray()) {
                for (JsonNode item : node) {
                    if (!item.isTextual()) {
                        throw refusal(line, "has a non-string element " + item + " in its JSON array");
                    }
                    items.add(item.asText());
                }
                return List.copyOf(items);
            }
        } catch (JsonProcessingException e) {
            // Docker would run a malformed array as a shell command; that is never what was meant.
        }
        throw refusal(line, "starts with `[` but is not a JSON array of strings: " + text);
    }

    private Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>(stageArgs);
        variables.putAll(env); // ENV wins over ARG of the same name
        return variables;
    }

    private String absolute(String path) {
        if (path.startsWith("/")) {
            return normalize(path);
        }
        return normalize(workdir + "/" + path);
    }

    private static String normalize(String path) {
        String normalized = Path.of(path).normalize().toString();
        return normalized.isEmpty() ? "/" : normalized;
    }

    private String single(LogicalLine line, List<String> words) {
        if (words.size() != 1) {
            throw refusal(line, "expects exactly one value but has " + words.size() + ": " + words);
        }
        return words.getFirst();
    }

    private AssertionError refusal(LogicalLine line, String reason) {
        return new AssertionError(file.getFileName() + ":" + line.number() + ": " + line.keyword() + " " + reason
                + " (line: " + line.keyword() + " " + line.arguments() + ")");
    }

    /**
     * Splits on unquoted whitespace, expanding {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}
     * and {@code ${VAR:+alternative}} outside single quotes, and removing quotes and backslash
     * escapes, in one pass as Docker does, so an expanded value is never split or unquoted again.
     */
    private List<String> words(LogicalLine line, String text, Map<String, String> variables) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (c == '$' && i + 1 < text.length()) {
                i = expandOne(line, text, i, variables, word);
            } else if (c == '"') {
                quote = quote == '"' ? 0 : '"';
            } else if (c == '\'' && quote == 0) {
                quote = '\'';
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw refusal(line, "has an unterminated " + quote + " quote");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private int expandOne(LogicalLine line, String text, int dollar, Map<String, String> variables,
            StringBuilder out) {
        if (text.charAt(dollar + 1) == '{') {
            int close = text.indexOf('}', dollar);
            if (close < 0) {
                throw refusal(line, "has an unterminated ${");
            }
            String inside = text.substring(dollar + 2, close);
            int modifier = inside.indexOf(':');
            if (modifier > 0 && modifier + 1 < inside.length()) {
                String name = inside.substring(0, modifier);
                String word = inside.substring(modifier + 2);
                String value = variables.getOrDefault(name, "");
                out.append(switch (inside.charAt(modifier + 1)) {
                    case '-' -> value.isEmpty() ? word : value;
                    case '+' -> value.isEmpty() ? "" : word;
                    default -> throw refusal(line, "uses the unsupported variable form ${" + inside + "}");
                });
            } else {
                out.append(variables.getOrDefault(inside, ""));
            }
            return close;
        }
        int end = dollar + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end == dollar + 1) {
            out.append('$');
            return dollar;
        }
        out.append(variables.getOrDefault(text.substring(dollar + 1, end), ""));
        return end - 1;
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
