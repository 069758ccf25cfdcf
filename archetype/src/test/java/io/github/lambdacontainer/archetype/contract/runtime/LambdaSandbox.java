package io.github.lambdacontainer.archetype.contract.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The execution environment Lambda gives a function, put around a process on this machine
 * (docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html): its own mount namespace
 * in which the image's files are read-only and {@code /tmp} is a private, 512 MB file system (the
 * only writable place, as on Lambda); the process running as a user other than root (Lambda's
 * sbx_user1051 is uid {@value #LAMBDA_UID}); a memory cgroup of the function's MemorySize, so the
 * JVM sizes itself from it as it does inside Lambda's microVM, not from this host's RAM; and, where
 * asked for ({@link #wrap}'s {@code cpuShare}), a CPU quota of the share of one vCPU Lambda gives
 * that memory ({@link LambdaCpu}). The base
 * image's emulator path, {@code /usr/local/bin}, is replaced by the verifier's stand-in for
 * {@code aws-lambda-rie} (see {@link #emulatorStandIn}).
 *
 * <p>It needs root (namespace, user switch, cgroup) and util-linux's {@code unshare} and
 * {@code setpriv}; where one is missing, {@link #unavailable()} says why and functions run as
 * before, outside it, and the report says so.
 */
public final class LambdaSandbox {

    /** Lambda's function user, sbx_user1051. */
    static final int LAMBDA_UID = 993;
    static final int LAMBDA_GID = 990;
    /** Lambda's default ephemeral storage. */
    private static final int TMP_MB = 512;
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Inside the namespace: mount, join the cgroup, drop root, run the command. */
    private static final String SETUP = """
            set -e
            mount -t tmpfs -o size=%dm,mode=1777 lambda-tmp /tmp
            mount --bind "$1" "$1"
            mount -o remount,bind,ro "$1"
            if [ -n "$2" ]; then mount --bind "$2" /usr/local/bin; fi
            for procs in $3; do echo $$ > "$procs"; done
            shift 3
            exec setpriv --reuid=%d --regid=%d --clear-groups -- "$@"
            """.formatted(TMP_MB, LAMBDA_UID, LAMBDA_GID);

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
     * A directory for laid-out images and their runs, readable by the function's user and outside
     * {@code /tmp} (which the sandbox replaces): under {@code container-contract.workDirectory},
     * by default {@code target/container-contract-work}.
     */
    public static Path createWorkDirectory(String prefix) {
        try {
            Path base = Path.of(System.getProperty("container-contract.workDirectory", "target/container-contract-work"))
                    .toAbsolutePath();
            Files.createDirectories(base);
            Path directory = Files.createTempDirectory(base, prefix.replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            return directory;
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
     * {@code command} wrapped to run inside the sandbox: the image under {@code imageRoot} read-only,
     * {@code emulatorDirectory} as {@code /usr/local/bin}, in a memory cgroup of {@code memoryMb} and,
     * when {@code cpuShare} is given, a CPU cgroup limiting it to that share of one CPU.
     * Close the result after the process has ended, to remove its cgroups.
     */
    static Sandboxed wrap(List<String> command, Path imageRoot, Path emulatorDirectory, int memoryMb,
            OptionalDouble cpuShare) {
        String name = "lambda-contract-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        Optional<Path> memory = Cgroup.MEMORY.create(name, memoryMb * 1024L * 1024L);
        Optional<Path> cpu = cpuShare.isPresent()
                ? Cgroup.CPU.create(name, Math.round(cpuShare.getAsDouble() * Cgroup.CPU_PERIOD_MICROS))
                : Optional.empty();
        String procsFiles = String.join(" ", Stream.of(memory, cpu).flatMap(Optional::stream)
                .map(cgroup -> cgroup.resolve("cgroup.procs").toString()).toList());
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", SETUP, "lambda-sandbox", imageRoot.toString(),
                emulatorDirectory == null ? "" : emulatorDirectory.toString(), procsFiles));
        wrapped.addAll(command);
        String description = "task root read-only, private " + TMP_MB + " MB /tmp, uid " + LAMBDA_UID + ", "
                + memory.map(path -> memoryMb + " MB memory cgroup").orElse("no memory cgroup (" + Cgroup.MEMORY.whyNone() + ")")
                + (cpuShare.isEmpty() ? ""
                        : cpu.map(path -> String.format(Locale.ROOT, ", CPU quota %.2f of one CPU", cpuShare.getAsDouble()))
                                .orElse(", no CPU quota (" + Cgroup.CPU.whyNone() + ")"));
        return new Sandboxed(List.copyOf(wrapped), description, memory, cpu);
    }

    /** Why a CPU quota cannot be put on a function here, or empty when it can. */
    public static Optional<String> cpuQuotaUnavailable() {
        return unavailable().or(() -> Cgroup.CPU.parent().isEmpty() ? Optional.of(Cgroup.CPU.whyNone()) : Optional.empty());
    }

    /** A command made to run in the sandbox, and its cgroups to remove once it has ended. */
    record Sandboxed(List<String> command, String description, Optional<Path> cgroup, Optional<Path> cpuCgroup)
            implements AutoCloseable {
        @Override
        public void close() {
            cgroup.ifPresent(Cgroup::remove);
            cpuCgroup.ifPresent(Cgroup::remove);
        }
    }

    private static Optional<String> probe() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the Lambda sandbox needs root (a mount namespace, a user switch, a memory cgroup); "
                    + "these tests run as " + System.getProperty("user.name"));
        }
        for (String tool : List.of("unshare", "setpriv", "mount")) {
            if (!onPath(tool)) {
                return Optional.of("the Lambda sandbox needs util-linux's " + tool + " on PATH");
            }
        }
        Path base = Path.of(System.getProperty("container-contract.workDirectory", "target/container-contract-work"))
                .toAbsolutePath();
        for (Path directory = base.getParent(); directory != null; directory = directory.getParent()) {
            if (Files.isDirectory(directory) && !othersMayEnter(directory)) {
                return Optional.of("the function's user (uid " + LAMBDA_UID + ") cannot enter " + directory
                        + ", above the work directory " + base);
            }
        }
        try {
            Process trial = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                    "mount -t tmpfs lambda-tmp /tmp").redirectErrorStream(true).start();
            String output = new String(trial.getInputStream().readAllBytes());
            if (trial.waitFor() != 0) {
                return Optional.of("this machine refuses a mount namespace: " + output.strip());
            }
        } catch (IOException e) {
            return Optional.of("cannot start unshare: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return Optional.empty();
    }

    private static boolean othersMayEnter(Path directory) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
            return permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
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
