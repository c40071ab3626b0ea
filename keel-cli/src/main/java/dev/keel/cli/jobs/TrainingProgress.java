package dev.keel.cli.jobs;

import dev.keel.client.jobs.Job;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live view of a followed job: a progress bar over the run's steps with loss and samples/s on a terminal;
 * elsewhere (CI logs, pipes) one line per epoch and state change instead of redrawn bars.
 */
public final class TrainingProgress implements AutoCloseable {
    private final PrintStream stream;
    private final boolean interactive;
    private ProgressBar bar;
    private String lastLine = "";

    public TrainingProgress(PrintStream stream, boolean interactive) {
        this.stream = stream;
        this.interactive = interactive;
    }

    public static boolean terminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    public void update(Job job) {
        Job.Progress progress = job.progress();
        String extra = String.format(Locale.ROOT, "epoch %d, loss %s, %s samples/s", progress.epoch(),
                progress.loss() == null ? "-" : String.format(Locale.ROOT, "%.4f", progress.loss()),
                progress.samplesPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.0f", progress.samplesPerSecond()));
        if (interactive && progress.totalSteps() > 0) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("job " + job.id()).setInitialMax(progress.totalSteps())
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(stream)).build();
            }
            bar.stepTo(progress.step());
            bar.setExtraMessage(extra);
            return;
        }
        String line = job.state() + (progress.totalSteps() > 0 ? " " + extra : " (" + job.reason() + ")");
        String key = job.state() + " " + progress.epoch();
        if (!key.equals(lastLine)) {
            lastLine = key;
            stream.println("job " + job.id() + ": " + line);
            stream.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
