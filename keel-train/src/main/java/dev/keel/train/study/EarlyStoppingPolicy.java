package dev.keel.train.study;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether to stop a running trial early from its intermediate objective values and those of the other
 * trials (ASHA, Hyperband and median stopping all fit). Returns the reason to stop, or empty to let it run.
 */
public interface EarlyStoppingPolicy {
    /** A trial's objective metric so far: (step, value) pairs in step order. */
    record TrialCurve(int trialIndex, List<Point> points, boolean finished) {
        public TrialCurve {
            points = List.copyOf(points);
        }
    }

    record Point(long step, double value) {}

    Optional<String> shouldStop(TrialCurve trial, List<TrialCurve> others, Objective objective);

    EarlyStoppingPolicy NONE = (trial, others, objective) -> Optional.empty();
}
