package dev.keel.train.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The median stopping rule (Google Vizier): stop a trial whose best objective value so far is worse than the
 * median of the other trials' best values up to the same step. Only judged once {@code minPoints} values were
 * reported and at least {@code minTrials} other trials reached that step.
 */
public final class MedianStopping implements EarlyStoppingPolicy {
    private final int minPoints;
    private final int minTrials;

    public MedianStopping(int minPoints, int minTrials) {
        if (minPoints < 1 || minTrials < 1) {
            throw new IllegalArgumentException("minPoints/minTrials: " + minPoints + "/" + minTrials + " (expected: >= 1)");
        }
        this.minPoints = minPoints;
        this.minTrials = minTrials;
    }

    @Override
    public Optional<String> shouldStop(TrialCurve trial, List<TrialCurve> others, Objective objective) {
        if (trial.points().size() < minPoints) {
            return Optional.empty();
        }
        long step = trial.points().getLast().step();
        double own = best(trial.points(), step, objective);
        List<Double> bests = new ArrayList<>();
        for (TrialCurve other : others) {
            if (!other.points().isEmpty() && other.points().getLast().step() >= step) {
                bests.add(best(other.points(), step, objective));
            }
        }
        if (bests.size() < minTrials) {
            return Optional.empty();
        }
        bests.sort(Double::compare);
        int n = bests.size();
        double median = n % 2 == 1 ? bests.get(n / 2) : (bests.get(n / 2 - 1) + bests.get(n / 2)) / 2;
        if (objective.better(median, own)) {
            return Optional.of("stopped early at step " + step + ": best " + objective.metric() + " " + own
                    + " is worse than the median " + median + " of " + n + " other trials");
        }
        return Optional.empty();
    }

    private static double best(List<Point> points, long upToStep, Objective objective) {
        double best = Double.NaN;
        for (Point point : points) {
            if (point.step() <= upToStep && objective.better(point.value(), best)) {
                best = point.value();
            }
        }
        return best;
    }
}
