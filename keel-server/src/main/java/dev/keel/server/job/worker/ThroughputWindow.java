package dev.keel.server.job.worker;

/**
 * Samples per second over the last window of at least {@code windowMillis}, for progress reports. One step's own
 * rate is no figure to show: an epoch's first step waits for the shuffle buffer to fill, so the first report of each
 * epoch showed a tenth of the real throughput.
 */
final class ThroughputWindow {
    private final long windowMillis;
    private long start = -1;
    private long samples;
    private double rate = Double.NaN;

    ThroughputWindow(long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("windowMillis: " + windowMillis + " (expected: > 0)");
        }
        this.windowMillis = windowMillis;
    }

    /**
     * Counts a step of {@code stepSamples} that ended at {@code nowMillis}; answers the rate of the last full window,
     * NaN until one has passed. The first step only starts the window: when it began is unknown.
     */
    double add(int stepSamples, long nowMillis) {
        if (start < 0) {
            start = nowMillis;
            return rate;
        }
        samples += stepSamples;
        if (nowMillis - start >= windowMillis) {
            rate = samples * 1000.0 / (nowMillis - start);
            start = nowMillis;
            samples = 0;
        }
        return rate;
    }

    /**
     * Starts a new window at the next step, keeping the last rate: for pauses that are not training (evaluation
     * between epochs, a checkpoint upload), which would otherwise show as a slump in the next figure.
     */
    void restart() {
        start = -1;
        samples = 0;
    }
}
