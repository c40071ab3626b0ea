package dev.keel.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for uploads, downloads and imports, drawn on stderr when it is a terminal; elsewhere (CI
 * logs, pipes) a single summary line is printed at the end instead of hundreds of redrawn bars. Feed it the running byte total (it is
 * the {@code LongConsumer} {@code KeelClient.uploadBlob} expects) and close it when done:
 * <pre>{@code try (ByteProgress progress = ByteProgress.start("upload train.csv", size, System.err)) {
 *     client.uploadBlob(file, progress);
 * }}</pre>
 */
public final class ByteProgress implements LongConsumer, AutoCloseable {
    private final ProgressBar bar;
    private final String task;
    private final String unit;
    private final PrintStream summary;
    private final long startNanos = System.nanoTime();
    private long done;

    private ByteProgress(ProgressBar bar, String task, String unit, PrintStream summary) {
        this.bar = bar;
        this.task = task;
        this.unit = unit;
        this.summary = summary;
    }

    /** @param totalBytes the expected total, or -1 when unknown */
    public static ByteProgress start(String task, long totalBytes, PrintStream stream) {
        if (!Terminal.isInteractive()) {
            return new ByteProgress(null, task, "bytes", stream);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit("MiB", 1L << 20)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .build();
        return new ByteProgress(bar, task, "bytes", null);
    }

    /** For items rather than bytes (files imported, records written). */
    public static ByteProgress items(String task, long total, String unit, PrintStream stream) {
        if (!Terminal.isInteractive()) {
            return new ByteProgress(null, task, unit, stream);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" " + unit, 1)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .build();
        return new ByteProgress(bar, task, unit, null);
    }

    @Override
    public void accept(long done) {
        this.done = done;
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        summary.printf("%s: %d %s in %.1f s%n", task, done, unit, seconds);
        summary.flush();
    }
}
