package io.github.lambdacontainer.archetype.contract.runtime;

import io.github.lambdacontainer.archetype.TestDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The execution environment Lambda gives a function (docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html),
 * put around a process on this machine: its own mount namespace whose root is made for it, in which
 * the image's files are read-only and {@code /tmp} is a private, empty, 512 MB file system (the only
 * writable place, as on Lambda); the process running as a user other than root (Lambda's sbx_user1051
 * is uid {@value #LAMBDA_UID}); a memory cgroup of the function's MemorySize, so the JVM sizes itself
 * from it as it does inside Lambda's microVM, not from this host's RAM; and, where asked for
 * ({@link #wrap}'s {@code cpuShare}), a CPU quota of the share of one vCPU Lambda gives that memory
 * ({@link LambdaCpu}). The base image's emulator path, {@code /usr/local/bin}, is replaced by the
 * verifier's stand-in for {@code aws-lambda-rie} (see {@link #emulatorStandIn}).
 *
 * <p>The new root holds this machine's top-level directories except {@code /tmp}, and the image's
 * work directory (its layout and its runs) at {@value #WORK_VIEW}: the function reaches its files
 * there whatever the checkout's path (under {@code /tmp}, which its own {@code /tmp} replaces; below
 * a home directory its user may not enter; with spaces, non-ASCII letters, a symbolic link, or over
 * 200 characters), and every path in its command line, environment and working directory is
 * rewritten to that view. The image's RUN steps and server containers run in the same view ({@link #asRoot}), as root
 * and with the image writable, as {@code docker build} runs them, so what they record (a
 * class-data archive's class path) is what the function later sees.
 *
 * <p>It needs root (namespace, user switch, cgroup) and util-linux's {@code unshare},
 * {@code setpriv}, {@code mount}, {@code umount} and {@code pivot_root}; where one is missing,
 * {@link #unavailable()} says why and functions run as before, outside it, and the report says so.
 */
public final class LambdaSandbox {

    /** Lambda's function user, sbx_user1051. */
    static final int LAMBDA_UID = 993;
    static final int LAMBDA_GID = 990;
    /** Lambda's default ephemeral storage. */
    private static final int TMP_MB = 512;
    /** Where a sandboxed process finds its image's work directory. */
    public static final String WORK_VIEW = "/contract-work";
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final List<String> TOOLS = List.of("unshare", "setpriv", "mount", "umount", "pivot_root");

    /**
     * Inside the new mount namespace, as root: hold the work directory (the shell's working
     * directory, so nothing mounted later hides it), make the new root on the host's /tmp mount
     * point (which the function does not see), bind into it every other top-level directory, a
     * private /tmp and the work directory, make the image read-only and the emulator stand-in
     * /usr/local/bin, join the cgroups, switch to the new root, drop root, and start the command in
     * its working directory. Arguments: work directory, image root (view, or empty: writable),
     * emulator directory (view, or empty), cgroup.procs files, uid:gid (or empty: stay root),
     * working directory (view), command.
     */
    private static final String SETUP = """
            set -e
            read_only=$2 emulator=$3 procs=$4 user=$5 directory=$6 function_path=$PATH
            PATH=/usr/sbin:/usr/bin:/sbin:/bin
            setpriv=$(command -v setpriv)
            cd "$1"
            shift 6
            mount -t tmpfs -o mode=755 lambda-root /tmp
            for entry in /*; do
              name=${entry#/}
              case "$name" in tmp|%1$s) continue ;; esac
              if [ -L "$entry" ]; then ln -s "$(readlink "$entry")" "/tmp/$name"
              elif [ -d "$entry" ]; then mkdir "/tmp/$name"; mount --rbind "$entry" "/tmp/$name"
              fi
            done
            mkdir /tmp/tmp
            mount -t tmpfs -o size=%2$dm,mode=1777 lambda-tmp /tmp/tmp
            mkdir /tmp/%1$s
            mount --no-canonicalize --bind /proc/self/cwd /tmp/%1$s
            if [ -n "$read_only" ]; then
              mount --bind "/tmp$read_only" "/tmp$read_only"
              mount -o remount,bind,ro "/tmp$read_only"
            fi
            if [ -n "$emulator" ]; then mount --bind "/tmp$emulator" /tmp/usr/local/bin; fi
            for procs_file in $procs; do echo $$ > "$procs_file"; done
            cd /tmp
            pivot_root . .
            umount -l .
            cd /
            PATH=$function_path
            if [ -n "$user" ]; then
              exec "$setpriv" --reuid="${user%%:*}" --regid="${user#*:}" --clear-groups -- /bin/sh -c 'cd "$0" && exec "$@"' "$directory" "$@"
            fi
            exec /bin/sh -c 'cd "$0" && exec "$@"' "$directory" "$@"
            """.formatted(WORK_VIEW.substring(1), TMP_MB);

    private static volatile Optional<String> unavailable;

    private LambdaSandbox() {}

    /** Why functions cannot be run inside the sandbox on this machine, or empty when they can. */
    public static Optional<String> unavailable() {
        Optional<String> known = unavailable;
        if (known == null) {
            known = probe();
            unavailable = known;
        }
        return known;
    }

    /**
     * A directory for one image's layout and its runs, under {@link TestDirectories#sandboxWork()}
     * (by default {@code target/container-contract-work}).
     */
    public static Path createWorkDirectory(String prefix) {
        return createWorkDirectory(TestDirectories.sandboxWork(), prefix);
    }

    /**
     * A directory for one image's layout and its runs, under {@code base}, wherever that is: the
     * sandbox shows it to its processes at {@value #WORK_VIEW}. Its real path, so that every path
     * made from it names it the same way.
     */
    public static Path createWorkDirectory(Path base, String prefix) {
        try {
            Files.createDirectories(base);
            Path directory = Files.createTempDirectory(base, prefix.replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            return directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory the function's user may write into (for the JVM's own log files). */
    public static Path writableDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the stand-in for the base image's {@code /usr/local/bin/aws-lambda-rie} into
     * {@code directory}: started without AWS_LAMBDA_RUNTIME_API (a {@code docker run}), it runs its
     * arguments against {@code runtimeApiAddress}, as the real emulator runs them against itself;
     * started with it set (inside Lambda, or behind {@code sam local invoke}'s own emulator), it
     * fails loudly: a second emulator there would never get an event.
     */
    public static Path emulatorStandIn(Path directory, String runtimeApiAddress) {
        try {
            Files.createDirectories(directory);
            Path script = directory.resolve("aws-lambda-rie");
            Files.writeString(script, """
                    #!/bin/sh
                    if [ -n "${AWS_LAMBDA_RUNTIME_API:-}" ]; then
                      echo "%s" >&2
                      exit 97
                    fi
                    AWS_LAMBDA_RUNTIME_API=%s exec "$@"
                    """.formatted(SECOND_EMULATOR, runtimeApiAddress));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the emulator stand-in prints when it is started where AWS_LAMBDA_RUNTIME_API is already set. */
    public static final String SECOND_EMULATOR = "container contract: the entry point started a second runtime interface "
            + "emulator (/usr/local/bin/aws-lambda-rie) although AWS_LAMBDA_RUNTIME_API was already set, as Lambda and "
            + "sam local invoke set it";

    /**
     * What a sandboxed process is started with: the command, environment and working directory of
     * a process of the image whose files are under {@code workDirectory}, as the sandbox shows them.
     */
    public record ImageProcess(List<String> command, Map<String, String> environment, Path workingDirectory, Path workDirectory) {}

    /**
     * {@code process} wrapped to run as the function inside the sandbox: the image under
     * {@code imageRoot} read-only, {@code emulatorDirectory} (or nothing, when null) as
     * {@code /usr/local/bin}, in a memory cgroup of {@code memoryMb} and, when {@code cpuShare} is
     * given, a CPU cgroup limiting it to that share of one CPU. Close the result after the process
     * has ended, to remove its cgroups.
     */
    static Sandboxed wrap(ImageProcess process, Path imageRoot, Path emulatorDirectory, int memoryMb, OptionalDouble cpuShare) {
        String name = "lambda-contract-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        Optional<Path> memory = Cgroup.MEMORY.create(name, memoryMb * 1024L * 1024L);
        Optional<Path> cpu = cpuShare.isPresent()
                ? Cgroup.CPU.create(name, Math.round(cpuShare.getAsDouble() * Cgroup.CPU_PERIOD_MICROS))
                : Optional.empty();
        String procsFiles = String.join(" ", Stream.of(memory, cpu).flatMap(Optional::stream)
                .map(cgroup -> cgroup.resolve("cgroup.procs").toString()).toList());
        View view = new View(process.workDirectory());
        String description = "task root read-only, private " + TMP_MB + " MB /tmp, uid " + LAMBDA_UID + ", "
                + memory.map(path -> memoryMb + " MB memory cgroup").orElse("no memory cgroup (" + Cgroup.MEMORY.whyNone() + ")")
                + (cpuShare.isEmpty() ? ""
                        : cpu.map(path -> String.format(Locale.ROOT, ", CPU quota %.2f of one CPU", cpuShare.getAsDouble()))
                                .orElse(", no CPU quota (" + Cgroup.CPU.whyNone() + ")"))
                + ", its files at " + WORK_VIEW;
        return new Sandboxed(view.command(process, view.of(imageRoot),
                emulatorDirectory == null ? "" : view.of(emulatorDirectory), procsFiles, LAMBDA_UID + ":" + LAMBDA_GID),
                view.environment(process), description, memory, cpu);
    }

    /**
     * {@code process}, one Docker runs as root with the image writable (a RUN step of the
     * Dockerfile, a server container), to start in the view of its files the image's function has
     * (so what a RUN step records, a class-data archive's class path, is what the function sees),
     * with a private /tmp; where this machine has no sandbox, as it is.
     */
    public static ImageProcess asRoot(ImageProcess process) {
        if (unavailable().isPresent()) {
            return process;
        }
        View view = new View(process.workDirectory());
        return new ImageProcess(view.command(process, "", "", "", ""), view.environment(process),
                process.workingDirectory(), process.workDirectory());
    }

    /** How a process of the image whose files are under {@code host} sees them: at {@link #WORK_VIEW}. */
    record View(Path host) {

        String of(Path path) {
            if (!path.startsWith(host)) {
                throw new AssertionError(path + " is outside the work directory " + host + ", the only directory of "
                        + "this build a sandboxed process sees; make it with LambdaSandbox.createWorkDirectory");
            }
            return WORK_VIEW + (path.equals(host) ? "" : "/" + host.relativize(path));
        }

        /**
         * A command-line word or an environment value with the work directory's paths rewritten
         * (the directory itself, or a path in it; not a sibling whose name starts with its name).
         */
        String rewrite(String text) {
            return text.replaceAll(Pattern.quote(host.toString()) + "(?=/|$|[\\s:=,;\"'])", Matcher.quoteReplacement(WORK_VIEW));
        }

        Map<String, String> environment(ImageProcess process) {
            Map<String, String> environment = new LinkedHashMap<>();
            process.environment().forEach((name, value) -> environment.put(name, rewrite(value)));
            return environment;
        }

        List<String> command(ImageProcess process, String readOnly, String emulator, String procsFiles, String user) {
            List<String> wrapped = new ArrayList<>(List.of(TOOL_PATHS.get("unshare"), "--mount", "--propagation", "private",
                    "--", "/bin/sh", "-c", SETUP, "lambda-sandbox", host.toString(), readOnly, emulator, procsFiles, user,
                    of(process.workingDirectory())));
            process.command().stream().map(this::rewrite).forEach(wrapped::add);
            return List.copyOf(wrapped);
        }
    }

    /**
     * A process made to run in the sandbox (its command, environment; the host starts it in the
     * process's own working directory), and its cgroups to remove once it has ended.
     */
    public record Sandboxed(List<String> command, Map<String, String> environment, String description,
            Optional<Path> cgroup, Optional<Path> cpuCgroup) implements AutoCloseable {
        @Override
        public void close() {
            cgroup.ifPresent(Cgroup::remove);
            cpuCgroup.ifPresent(Cgroup::remove);
        }
    }

    /** Why a CPU quota cannot be put on a function here, or empty when it can. */
    public static Optional<String> cpuQuotaUnavailable() {
        return unavailable().or(() -> Cgroup.CPU.parent().isEmpty() ? Optional.of(Cgroup.CPU.whyNone()) : Optional.empty());
    }

    /** Where each tool the setup needs is: the function's PATH may lack /usr/sbin. */
    private static final Map<String, String> TOOL_PATHS = new ConcurrentHashMap<>();

    private static Optional<String> probe() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the Lambda sandbox needs root (a mount namespace, a user switch, a memory cgroup); "
                    + "these tests run as " + System.getProperty("user.name"));
        }
        for (String tool : TOOLS) {
            Optional<Path> found = onPath(tool);
            if (found.isEmpty()) {
                return Optional.of("the Lambda sandbox needs util-linux's " + tool + " on PATH or in /usr/sbin, /sbin");
            }
            TOOL_PATHS.put(tool, found.get().toString());
        }
        // The whole setup once, as a function gets it: a machine that refuses any step of it (a
        // container without mount rights, a root pivot_root cannot leave) skips, never fails on a mount.
        Path trialDirectory = createWorkDirectory(TestDirectories.sandboxWork(), "sandbox-trial");
        try {
            ImageProcess trueAsFunction = new ImageProcess(List.of("/bin/true"), Map.of(), trialDirectory, trialDirectory);
            Process trial = new ProcessBuilder(new View(trialDirectory).command(trueAsFunction, WORK_VIEW, "", "",
                    LAMBDA_UID + ":" + LAMBDA_GID)).directory(trialDirectory.toFile()).redirectErrorStream(true).start();
            String output = new String(trial.getInputStream().readAllBytes());
            if (trial.waitFor() != 0) {
                return Optional.of("this machine refuses the Lambda sandbox's mount namespace: " + output.strip());
            }
        } catch (IOException e) {
            return Optional.of("cannot start unshare: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } finally {
            try {
                TestDirectories.deleteRecursively(trialDirectory);
            } catch (IOException e) {
                // an empty directory left in the work directory is harmless
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return Optional.of(Path.of(directory, tool));
            }
        }
        return Optional.empty();
    }

    /**
     * A cgroup under this process's own for one controller (cgroup v1's hierarchy of that
     * controller, else cgroup v2 with the controller enabled), which the JVM reads its container
     * limits from, as it reads the microVM's inside Lambda.
     */
    private enum Cgroup {
        MEMORY("memory", "memory.limit_in_bytes", "memory.max"),
        CPU("cpu", "cpu.cfs_quota_us", "cpu.max");

        /** The quota's period: the kernel's default. */
        static final long CPU_PERIOD_MICROS = 100_000;

        private final String controller;
        private final String v1LimitFile;
        private final String v2LimitFile;

        Cgroup(String controller, String v1LimitFile, String v2LimitFile) {
            this.controller = controller;
            this.v1LimitFile = v1LimitFile;
            this.v2LimitFile = v2LimitFile;
        }

        /** A child cgroup limited to {@code limit}: bytes of memory, or microseconds of CPU per period. */
        Optional<Path> create(String name, long limit) {
            Optional<Path> parent = parent();
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            Path cgroup = parent.get().resolve(name);
            boolean v1 = Files.exists(parent.get().resolve(v1LimitFile));
            String value = this == CPU && !v1 ? limit + " " + CPU_PERIOD_MICROS : Long.toString(limit);
            try {
                Files.createDirectory(cgroup);
                if (this == CPU && v1) {
                    Files.writeString(cgroup.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_MICROS));
                }
                Files.writeString(cgroup.resolve(v1 ? v1LimitFile : v2LimitFile), value);
                return Optional.of(cgroup);
            } catch (IOException e) {
                remove(cgroup);
                return Optional.empty();
            }
        }

        String whyNone() {
            return parent().isEmpty() ? "no writable " + controller + " cgroup here" : "creating one failed";
        }

        static void remove(Path cgroup) {
            for (int attempt = 0; attempt < 20 && Files.exists(cgroup); attempt++) {
                try {
                    Files.delete(cgroup);
                } catch (IOException e) {
                    try {
                        Thread.sleep(100); // its last process is still being reaped
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        /** This process's cgroup directory for the controller, if it can hold children. */
        Optional<Path> parent() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                    String[] fields = line.split(":", 3);
                    if (fields.length < 3) {
                        continue;
                    }
                    Path candidate = null;
                    if (List.of(fields[1].split(",")).contains(controller)) {
                        candidate = v1Mount(fields[1]).resolve(fields[2].substring(1));
                    } else if (fields[0].equals("0") && fields[1].isEmpty()) {
                        Path unified = Files.exists(CGROUP_ROOT.resolve("cgroup.controllers")) ? CGROUP_ROOT
                                : CGROUP_ROOT.resolve("unified");
                        Path own = unified.resolve(fields[2].substring(1));
                        if (List.of(Files.readString(own.resolve("cgroup.subtree_control")).strip().split(" "))
                                .contains(controller)) {
                            candidate = own;
                        }
                    }
                    if (candidate != null && Files.isWritable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // no cgroup file system to speak of
            }
            return Optional.empty();
        }

        /** Where cgroup v1 mounts the hierarchy of these controllers: /sys/fs/cgroup/cpu or, co-mounted, cpu,cpuacct. */
        private Path v1Mount(String controllers) {
            Path own = CGROUP_ROOT.resolve(controller);
            return Files.isDirectory(own) ? own : CGROUP_ROOT.resolve(controllers);
        }
    }
}
