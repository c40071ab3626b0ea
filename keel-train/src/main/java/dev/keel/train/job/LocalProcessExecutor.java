package dev.keel.train.job;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs each worker as a child JVM on this machine: {@code java <jvm options> -cp <classpath> <main> <args> --url
 * URL --job ID}, the token in the {@code KEEL_TOKEN} environment variable (never on the command line, where
 * {@code ps} shows it). Output goes to {@code <jobs folder>/<id>/worker.log}, appended per attempt. Handles are
 * {@code PID:START_MILLIS}, so a pid reused by another process after a restart is not mistaken for the worker.
 */
public final class LocalProcessExecutor implements Executor {
    public static final String NAME = "local";
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(3);

    /**
     * @param command the worker's command line up to its own options, e.g. {@code [java, --enable-native-access=…,
     *     -Xmx1g, -cp, CLASSPATH, dev.keel.server.Main, worker]}
     * @param environment added to the server's environment for the worker
     * @param jobsFolder one sub-folder per job, holding its log and its work folder
     */
    public record Settings(List<String> command, Map<String, String> environment, Path jobsFolder) {
        public Settings {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            requireNonNull(jobsFolder, "jobsFolder is null");
            if (command.isEmpty()) {
                throw new IllegalArgumentException("command: [] (expected: a worker command line)");
            }
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Process> children = new ConcurrentHashMap<>();
    private final Map<String, ProcessHandle> adopted = new ConcurrentHashMap<>();

    public LocalProcessExecutor(Settings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The usual worker command: this JVM's java binary and classpath, offline DJL, native access for PyTorch and
     * the given heap limit.
     */
    public static List<String> sameJvmCommand(String mainClass, List<String> mainArgs, long maxHeapBytes) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dai.djl.offline=true");
        command.add("-Xmx" + Math.max(64, maxHeapBytes / (1024 * 1024)) + "m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(mainArgs);
        return command;
    }

    @Override
    public String name() {
        return NAME;
    }

    public Path jobFolder(String jobId) {
        return settings.jobsFolder().resolve(jobId);
    }

    public Path logFile(String jobId) {
        return jobFolder(jobId).resolve("worker.log");
    }

    @Override
    public String submit(WorkerLaunch launch) {
        Path folder = jobFolder(launch.jobId());
        Path log = logFile(launch.jobId());
        List<String> command = new ArrayList<>(settings.command());
        command.addAll(List.of("--url", launch.apiUrl().toString(), "--job", launch.jobId(),
                "--work-dir", folder.resolve("work").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(settings.environment());
        builder.environment().put("KEEL_TOKEN", launch.token());
        // DJL must never phone home or download libtorch, whatever the server's own environment says.
        builder.environment().put("OPT_OUT_TRACKING", "true");
        // glibc malloc settings that keep libtorch's per-step memory mapped, unless set: why in scripts/jvm-env.sh,
        // which sets the same for ./keel (whose environment, with its MKL shim, the workers inherit).
        builder.environment().putIfAbsent("MALLOC_MMAP_THRESHOLD_", "33554432");
        builder.environment().putIfAbsent("MALLOC_TRIM_THRESHOLD_", "134217728");
        builder.environment().putIfAbsent("MALLOC_TOP_PAD_", "67108864");
        builder.environment().remove("PYTORCH_VERSION");
        try {
            Files.createDirectories(folder);
            Files.writeString(log, "=== attempt " + launch.attempt() + " of job " + launch.jobId() + " starting at "
                    + clock.instant() + " ===\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Process process = builder.start();
            String handle = handleOf(process.toHandle());
            children.put(handle, process);
            return handle;
        } catch (IOException e) {
            throw new KeelException(ErrorCode.INTERNAL, "cannot start worker for job " + launch.jobId() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public WorkerStatus status(String handle) {
        Process child = children.get(handle);
        if (child != null) {
            if (child.isAlive()) {
                return WorkerStatus.RUNNING;
            }
            children.remove(handle);
            return new WorkerStatus.Exited(OptionalInt.of(child.exitValue()));
        }
        ProcessHandle process = adopted.get(handle);
        if (process != null) {
            if (process.isAlive()) {
                return WorkerStatus.RUNNING;
            }
            adopted.remove(handle);
            return new WorkerStatus.Exited(OptionalInt.empty());
        }
        return new WorkerStatus.Lost("no worker process " + handle + " is known to this server");
    }

    @Override
    public void cancel(String handle) {
        Optional<ProcessHandle> process = Optional.ofNullable(children.get(handle)).map(Process::toHandle)
                .or(() -> Optional.ofNullable(adopted.get(handle)));
        process.ifPresent(root -> {
            // Children first, so none is re-parented and left running when the worker goes.
            List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
            tree.add(root);
            tree.forEach(ProcessHandle::destroy);
            try {
                root.onExit().get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Did not stop on SIGTERM in time: kill it.
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            try {
                root.onExit().get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Thread.currentThread().isInterrupted();
            }
        });
    }

    @Override
    public LogChunk logs(String jobId, long offset, int maxBytes) {
        Path log = logFile(jobId);
        if (!Files.exists(log)) {
            return new LogChunk(offset, offset, "");
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long start = Math.min(offset, length);
            int size = (int) Math.min(maxBytes, length - start);
            byte[] bytes = new byte[size];
            file.seek(start);
            file.readFully(bytes);
            int end = completeUtf8Length(bytes);
            return new LogChunk(start, start + end, new String(bytes, 0, end, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    @Override
    public Optional<String> reattach(String handle) {
        long pid;
        long started;
        try {
            String[] parts = handle.split(":");
            pid = Long.parseLong(parts[0]);
            started = Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).map(at -> Math.abs(at - started) < 2_000)
                        .orElse(false));
        process.ifPresent(p -> adopted.put(handle, p));
        return process.map(p -> handle);
    }

    /** The length of {@code bytes} without a UTF-8 sequence cut at its end, so the next chunk starts on a character. */
    static int completeUtf8Length(byte[] bytes) {
        for (int i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue;
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return bytes.length - i >= needed ? bytes.length : i;
        }
        return bytes.length;
    }

    static String handleOf(ProcessHandle process) {
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return process.pid() + ":" + started;
    }

    /** The pid in a handle, for tests and operators. */
    public static long pid(String handle) {
        return Long.parseLong(handle.substring(0, handle.indexOf(':')));
    }
}
