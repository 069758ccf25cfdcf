package io.github.lambdacontainer.archetype.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands a README shows, read from the README itself: the lines of its {@code ```sh} blocks
 * (comments dropped, {@code \} continuations joined), and the cells of a command table, where a
 * cell's first {@code `backticked`} span is a command and each {@code , then `...`} after it one
 * more. Each block or cell is one {@link Group}: what it starts (a server, a function) lives until
 * the group's last command.
 */
public final class ReadmeCommands {

    /** Commands shown together, and where: e.g. "README.md, sh block 2". Prose cells have no lines. */
    public record Group(String where, List<String> lines) {}

    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\S*)\\s*$");
    private static final Pattern FIRST_SPAN = Pattern.compile("^`([^`]+)`");
    private static final Pattern THEN_SPAN = Pattern.compile("^, then `([^`]+)`");

    private ReadmeCommands() {}

    /** Every {@code ```sh} block of {@code markdown}, in order. */
    public static List<Group> shellBlocks(String markdown, String readmeName) {
        List<Group> groups = new ArrayList<>();
        boolean inFence = false;
        List<String> commands = null; // the open block's commands; null outside an sh block
        StringBuilder continued = new StringBuilder();
        for (String line : markdown.lines().toList()) {
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                if (inFence && commands != null) {
                    groups.add(new Group(readmeName + ", sh block " + (groups.size() + 1), List.copyOf(commands)));
                }
                commands = !inFence && fence.group(1).equals("sh") ? new ArrayList<>() : null;
                inFence = !inFence;
                continue;
            }
            if (commands == null) {
                continue;
            }
            String command = withoutComment(line).strip();
            if (command.endsWith("\\")) {
                continued.append(command, 0, command.length() - 1).append(' ');
                continue;
            }
            command = (continued + command).strip().replaceAll("\\s+", " ");
            continued.setLength(0);
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return groups;
    }

    /**
     * The rows of the table under the heading {@code heading} (a {@code ## heading} or an
     * underlined one) whose second column is the command column; a row whose command cell does not
     * start with a backticked command is prose (a group without lines).
     */
    public static List<Group> commandTable(String markdown, String readmeName, String heading) {
        List<String> lines = markdown.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size() - 1 && start < 0; i++) {
            boolean atx = lines.get(i).strip().equals("## " + heading);
            boolean setext = lines.get(i).strip().equals(heading) && lines.get(i + 1).matches("^-{3,}\\s*$");
            if (atx || setext) {
                start = i + (setext ? 2 : 1);
            }
        }
        if (start < 0) {
            throw new AssertionError(readmeName + " has no section \"" + heading + "\"");
        }
        List<Group> groups = new ArrayList<>();
        boolean inTable = false;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            boolean header = !inTable;
            inTable = true;
            if (header || line.matches("^\\|[-|: ]+\\|$")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
            if (cells.length < 2) {
                throw new AssertionError(readmeName + ", " + heading + ": a row without a command column: " + line);
            }
            String what = cells[0].strip();
            String cell = cells[1].strip();
            groups.add(new Group(readmeName + ", " + heading + ": " + what, commandsOfCell(cell)));
        }
        if (groups.isEmpty()) {
            throw new AssertionError(readmeName + " has no table under \"" + heading + "\"");
        }
        return groups;
    }

    /**
     * A block's commands cut where each runs on its own, except that a server or a function and
     * the commands right after it that ask it are one step (run again only together).
     */
    public static List<List<String>> steps(List<String> lines) {
        List<List<String>> steps = new ArrayList<>();
        for (String line : lines) {
            CommandRule.Handling handling = CommandRule.of(line).map(CommandRule::handling).orElse(null);
            boolean asksTheOneBefore = handling == CommandRule.Handling.HTTP_REQUEST
                    || handling == CommandRule.Handling.INVOCATION;
            if (asksTheOneBefore && !steps.isEmpty()) {
                steps.getLast().add(line);
            } else {
                steps.add(new ArrayList<>(List.of(line)));
            }
        }
        return steps;
    }

    /** {@code `a`, then `b` (or `c`)}: a and b; no commands when the cell does not start with one. */
    static List<String> commandsOfCell(String cell) {
        List<String> commands = new ArrayList<>();
        Matcher first = FIRST_SPAN.matcher(cell);
        if (!first.find()) {
            return commands;
        }
        commands.add(first.group(1).strip());
        String rest = cell.substring(first.end());
        Matcher then;
        while ((then = THEN_SPAN.matcher(rest)).find()) {
            commands.add(then.group(1).strip());
            rest = rest.substring(then.end());
        }
        return commands;
    }

    /** The line without a {@code #} comment (a # that starts a word outside quotes). */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The words of a command line as the shell splits them (quotes removed; no expansion). */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
