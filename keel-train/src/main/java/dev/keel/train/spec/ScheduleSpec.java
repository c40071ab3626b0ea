package dev.keel.train.spec;

/**
 * Learning rate per step: {@code constant}; {@code step} (times {@code gamma} every {@code stepSize} steps);
 * {@code cosine} (from the base rate down to {@code minLearningRate} over the run). Any kind may start with a
 * linear warm-up over {@code warmupSteps} steps.
 */
public record ScheduleSpec(String kind, long warmupSteps, long stepSize, double gamma, double minLearningRate) {
    public static final String CONSTANT = "constant";
    public static final String STEP = "step";
    public static final String COSINE = "cosine";
}
