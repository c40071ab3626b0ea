package dev.keel.train.loop;

import dev.keel.train.spec.ScheduleSpec;

/** The learning rate of each step (0-based) of a run of {@code totalSteps} steps, from a {@link ScheduleSpec}. */
final class LearningRateSchedule {
    private final ScheduleSpec spec;
    private final double base;
    private final long totalSteps;

    LearningRateSchedule(ScheduleSpec spec, double base, long totalSteps) {
        this.spec = spec;
        this.base = base;
        this.totalSteps = Math.max(1, totalSteps);
    }

    double at(long step) {
        if (step < spec.warmupSteps()) {
            return base * (step + 1) / spec.warmupSteps();
        }
        return switch (spec.kind()) {
            case ScheduleSpec.STEP -> base * Math.pow(spec.gamma(), Math.floorDiv(step, spec.stepSize()));
            case ScheduleSpec.COSINE -> {
                long span = Math.max(1, totalSteps - spec.warmupSteps());
                double progress = Math.min(1.0, (double) (step - spec.warmupSteps()) / span);
                yield spec.minLearningRate() + (base - spec.minLearningRate()) * (1 + Math.cos(Math.PI * progress)) / 2;
            }
            default -> base;
        };
    }
}
