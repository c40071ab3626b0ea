package dev.keel.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for uploads, downloads and imports, drawn on stderr. Feed it the running byte total (it is
 * the {@code LongConsumer} {@code KeelClient.uploadBlob} expects) and close it when done:
 * <pre>{@code try (ByteProgress progress = ByteProgress.start("upload train.csv", size, System.err)) {
 *     client.uploadBlob(file, progress);
 * }}</pre>
 */
public final class ByteProgress implements LongConsumer, AutoCloseable {
    private final ProgressBar bar;

    private ByteProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @param totalBytes the expected total, or -1 when unknown */
    public static ByteProgress start(String task, long totalBytes, PrintStream stream) {
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
        return new ByteProgress(bar);
    }

    /** For items rather than bytes (files imported, records written). */
    public static ByteProgress items(String task, long total, String unit, PrintStream stream) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" " + unit, 1)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .build();
        return new ByteProgress(bar);
    }

    @Override
    public void accept(long done) {
        bar.stepTo(done);
    }

    @Override
    public void close() {
        bar.close();
    }
}
