package dev.keel.train.loop;

import static java.util.Objects.requireNonNull;

import dev.keel.train.model.ArchitectureRegistry;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

/**
 * Runs training specs in this process: {@code new Trainer(ArchitectureRegistry.load()).run(request)}. One run
 * at a time per process (PyTorch's autograd recording state is process-wide); a job runner runs each in its own
 * worker process. Deterministic: the same spec, data and seed give the same metrics and weights hash, and a run
 * resumed from a checkpoint ends exactly where an uninterrupted one does.
 */
public final class Trainer {
    private final ArchitectureRegistry architectures;
    private final ThreadFactory threads;
    private final LongSupplier nanoTime;

    public Trainer(ArchitectureRegistry architectures) {
        this(architectures, runnable -> {
            Thread thread = new Thread(runnable, "keel-train-prefetch");
            thread.setDaemon(true);
            return thread;
        }, System::nanoTime);
    }

    /** {@code nanoTime} only times throughput for listeners; it never changes what is trained. */
    public Trainer(ArchitectureRegistry architectures, ThreadFactory threads, LongSupplier nanoTime) {
        this.architectures = requireNonNull(architectures, "architectures is null");
        this.threads = requireNonNull(threads, "threads is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /**
     * Trains, evaluating each epoch on the validation split and at the end on the test split; writes
     * checkpoints and the model bundle under the request's work folder. Throws {@code INVALID_ARGUMENT} for a
     * shape mismatch or a diverged loss ({@code loss diverged at step N}), {@code INTERNAL} when a checkpoint
     * cannot be written (the previous one stays intact), {@code MALFORMED_DATA} for bad rows.
     */
    public TrainingResult run(TrainingRequest request) {
        try (TrainingSession session = new TrainingSession(request, architectures, threads, nanoTime)) {
            return session.run();
        }
    }
}
