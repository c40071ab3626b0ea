package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.Run;
import dev.keel.train.tracking.TrackingService;
import dev.keel.workflow.engine.StepContext;
import dev.keel.workflow.engine.StepExecutor;
import dev.keel.workflow.engine.StepFailure;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code evaluate}: the metrics a training run tracked on its splits (the worker evaluates the validation split every
 * epoch and the test split at the end), as outputs named by metric ({@code val_accuracy}, {@code test_accuracy}, …).
 * {@code split} keeps only that split's metrics ({@code val}, {@code test}); {@code metric} names the one the step
 * must find, also output as {@code value}. Reading what the run tracked, rather than evaluating again, keeps the
 * number the registry and the promotion compare identical to the one the run reported.
 */
final class EvaluateStep implements StepExecutor {
    private final TrackingService tracking;

    EvaluateStep(TrackingService tracking) {
        this.tracking = requireNonNull(tracking, "tracking is null");
    }

    static StepType type(TrackingService tracking) {
        return StepType.of("evaluate", Set.of("run"), Set.of("metric", "split"), new EvaluateStep(tracking));
    }

    @Override
    public StepResult execute(StepContext context) {
        Run run = tracking.getRun(context.text("run"));
        Optional<String> split = context.optionalText("split");
        Map<String, String> outputs = new LinkedHashMap<>();
        for (MetricPoint point : run.latestMetrics()) {
            if (split.isEmpty() || point.key().startsWith(split.get() + "_")) {
                outputs.put(point.key(), Double.toString(point.value()));
            }
        }
        Optional<String> metric = context.optionalText("metric");
        if (metric.isPresent()) {
            String value = outputs.get(metric.get());
            if (value == null) {
                Set<String> tracked = new TreeSet<>();
                run.latestMetrics().forEach(p -> tracked.add(p.key()));
                throw StepFailure.permanent("run " + run.id() + " has no metric " + metric.get() + " (tracked: "
                        + tracked + ")");
            }
            outputs.put("value", value);
            context.log(metric.get() + " = " + value);
        }
        outputs.put("run_id", run.id());
        return StepResult.of(outputs);
    }
}
