package dev.keel.train.job;

/** The latest progress a worker reported: global step of total, epoch, last loss and throughput (NaN: none yet). */
public record JobProgress(long step, long totalSteps, int epoch, double loss, double samplesPerSecond) {
    public static final JobProgress NONE = new JobProgress(0, 0, 0, Double.NaN, Double.NaN);

    public JobProgress {
        if (step < 0 || totalSteps < 0 || epoch < 0) {
            throw new IllegalArgumentException("progress: step " + step + ", totalSteps " + totalSteps + ", epoch "
                    + epoch + " (expected: >= 0)");
        }
    }
}
