package io.github.lambdacontainer.archetype.contract.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** docs/performance.md, where each benchmark writes its own section, leaving the others' alone. */
final class PerformanceReport {

    private PerformanceReport() {}

    /** The section headed {@code heading} ("## ..."), up to the next such heading; empty when there is none. */
    static String section(Path file, String heading) {
        String text = read(file);
        int start = text.indexOf(heading + "\n");
        if (start < 0) {
            return "";
        }
        int end = text.indexOf("\n## ", start + heading.length());
        return text.substring(start, end < 0 ? text.length() : end + 1);
    }

    /** Replaces the section headed {@code heading} with {@code section} (which starts with it), or appends it. */
    static void writeSection(Path file, String heading, String section) {
        String text = read(file);
        String old = section(file, heading);
        String updated = old.isEmpty()
                ? text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + section
                : text.replace(old, section);
        try {
            Files.writeString(file, updated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
