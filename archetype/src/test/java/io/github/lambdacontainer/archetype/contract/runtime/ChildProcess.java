package io.github.lambdacontainer.archetype.contract.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process the verifier starts (a runtime interface client JVM, a server JVM, a script): its
 * stdout and stderr go, merged, to a log file and to a tail kept for failure messages; closing it
 * kills it and all its descendants, so no check can leave a process behind.
 */
public final class ChildProcess implements AutoCloseable {

    static final int TAIL_LINES = 40;

    private final Process process;
    private final long launchNanos;
    private final Path logFile;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread outputPump;
    private volatile long lastOutputNanos = System.nanoTime();

    private ChildProcess(Process process, long launchNanos, Path logFile) {
        this.process = process;
        this.launchNanos = launchNanos;
        this.logFile = logFile;
        this.outputPump = Thread.ofPlatform().daemon().name("output-of-" + process.pid()).start(this::pumpOutput);
    }

    /** Starts {@code command} with exactly {@code environment} (nothing inherited) in {@code directory}. */
    public static ChildProcess start(List<String> command, Map<String, String> environment, Path directory, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            long launchNanos = System.nanoTime();
            return new ChildProcess(builder.start(), launchNanos, logFile);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    public long launchNanos() {
        return launchNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits for the process to end; false if it is still running after {@code timeout}. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The CPU time the process has used so far, all its threads (not its children); empty once it has ended. */
    public Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    /**
     * The process's peak resident set size in KB (VmHWM in /proc/&lt;pid&gt;/status), read while it
     * still runs; empty where /proc is unavailable or the process has ended.
     */
    public OptionalLong peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the process is gone or this is not Linux
        }
        return OptionalLong.empty();
    }

    /**
     * A numeric field (e.g. {@code VmHWM}, {@code VmRSS}, {@code Threads}) of the JVM's
     * /proc/&lt;pid&gt;/status: the JVM is this process, or, when it is a wrapper that waits
     * rather than execs, its descendant named {@code java}; empty where /proc is unavailable or
     * the process has ended. VmHWM and VmRSS are in KB.
     */
    public OptionalLong jvmStatus(String field) {
        long pid = process.pid();
        for (ProcessHandle descendant : process.descendants().toList()) {
            try {
                if (Files.readString(Path.of("/proc", Long.toString(descendant.pid()), "comm")).strip().equals("java")) {
                    pid = descendant.pid();
                }
            } catch (IOException | UncheckedIOException e) {
                // gone
            }
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length() + 1).replaceAll("\\D", "")));
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            // the process is gone or this is not Linux
        }
        return OptionalLong.empty();
    }

    /**
     * The path of a file the process (or its last descendant, when it is a wrapper that waits)
     * has mapped into memory whose name contains {@code namePart}, e.g. a native library it
     * loaded, as /proc/&lt;pid&gt;/maps names it (in the process's own mount namespace); empty
     * when none is, or /proc is unavailable.
     */
    public Optional<String> mappedFile(String namePart) {
        List<ProcessHandle> candidates = new ArrayList<>();
        candidates.add(process.toHandle());
        process.descendants().forEach(candidates::add);
        for (ProcessHandle candidate : candidates) {
            try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(candidate.pid()), "maps"))) {
                Optional<String> path = lines.map(line -> line.split("\\s+", 6))
                        .filter(fields -> fields.length == 6 && fields[5].contains(namePart))
                        .map(fields -> fields[5].strip())
                        .findFirst();
                if (path.isPresent()) {
                    return path;
                }
            } catch (IOException | UncheckedIOException e) {
                // gone, or not Linux
            }
        }
        return Optional.empty();
    }

    /** Gives a failing process a moment to finish printing (the client logs an error after reporting it). */
    public void awaitQuietOutput() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline && System.nanoTime() - lastOutputNanos < Duration.ofMillis(300).toNanos()) {
            sleep(50);
        }
    }

    /** The last lines the process printed, with where the whole output is, for failure messages. */
    public String outputTail() {
        StringBuilder text = new StringBuilder("--- last ").append(TAIL_LINES).append(" lines of its output (all of it: ")
                .append(logFile).append(") ---\n");
        synchronized (tail) {
            tail.forEach(line -> text.append(line).append('\n'));
        }
        return text.append("--- end of output ---").toString();
    }

    @Override
    public void close() {
        try {
            // Killed through its handle: Process.destroyForcibly would also close the output stream, and
            // what the pump had not read yet would be lost (even a whole curl answer of a process that had
            // already ended, when the pump thread got no CPU in time).
            // The process first, then its descendants as they were: a shell killed after its child would
            // report the child's death into the output.
            if (process.isAlive()) {
                List<ProcessHandle> descendants = process.descendants().toList();
                process.toHandle().destroyForcibly();
                descendants.forEach(ProcessHandle::destroyForcibly);
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("process " + process.pid() + " did not end after being killed");
                }
            }
            // The pump ends at the pipe's end, once the process and its children are gone; on a
            // loaded machine it may take seconds to write out the last lines, which callers read next.
            outputPump.join(Duration.ofSeconds(30));
            process.getOutputStream().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(logFile)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lastOutputNanos = System.nanoTime();
                log.write(line);
                log.write('\n');
                log.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the stream closes when the process is killed
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
