package dev.keel.server.quickstart;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints the quickstart's numbered steps as they start and end, with how long each took. */
final class StepPrinter {
    private final PrintWriter out;
    private final int total;
    private final long startedAt = System.nanoTime();
    private int number;
    private long stepStartedAt;

    StepPrinter(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    void begin(String title) {
        number++;
        stepStartedAt = System.nanoTime();
        out.printf(Locale.ROOT, "%n[%d/%d] %s%n", number, total, title);
        out.flush();
    }

    /** A detail line of the current step. */
    void detail(String format, Object... args) {
        out.printf(Locale.ROOT, "      " + format + "%n", args);
        out.flush();
    }

    void done(String summary) {
        out.printf(Locale.ROOT, "      ✓ %s (%.1f s)%n", summary, (System.nanoTime() - stepStartedAt) / 1e9);
        out.flush();
    }

    void failed(String reason) {
        out.printf(Locale.ROOT, "      ✗ step %d failed: %s%n", number, reason);
        out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }
}
