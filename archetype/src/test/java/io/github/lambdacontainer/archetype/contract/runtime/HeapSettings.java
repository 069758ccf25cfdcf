package io.github.lambdacontainer.archetype.contract.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory a JVM saw, the heap it gave itself and its collector, as its
 * {@code -Xlog:gc=info,gc+init=info} log says ({@code [gc,init] Memory: 1024M},
 * {@code [gc] Using Serial}, {@code [gc,init] Heap Max Capacity: 870M}): a function's JVM must see
 * its MemorySize, not the host's RAM, and what a class-data archive is made with has to match
 * what the function runs with.
 *
 * @param memory      e.g. {@code 1024M}
 * @param collector   e.g. {@code Serial}
 * @param maxCapacity e.g. {@code 870M}
 */
public record HeapSettings(String memory, String collector, String maxCapacity) {

    /** Its file name in a run's JVM log directory. */
    static final String FILE = "gc.log";
    private static final Pattern COLLECTOR = Pattern.compile("\\[gc\\s*\\] Using (\\S+)");
    private static final Pattern MEMORY = Pattern.compile("\\[gc,init\\s*\\] Memory: (\\S+)");
    private static final Pattern MAX_CAPACITY = Pattern.compile("\\[gc,init\\s*\\] Heap Max Capacity: (\\S+)");

    /** Reads the log; empty when there is none or it names neither. */
    public static Optional<HeapSettings> read(Path log) {
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(log);
            Matcher collector = COLLECTOR.matcher(text);
            Matcher capacity = MAX_CAPACITY.matcher(text);
            Matcher memory = MEMORY.matcher(text);
            return collector.find() && capacity.find() && memory.find()
                    ? Optional.of(new HeapSettings(memory.group(1), collector.group(1), capacity.group(1)))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return memory + " memory seen, " + collector + " collector, " + maxCapacity + " maximum heap";
    }
}
