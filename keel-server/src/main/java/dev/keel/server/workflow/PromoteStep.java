package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.ModelVersion;
import dev.keel.store.metadata.Project;
import dev.keel.workflow.engine.StepContext;
import dev.keel.workflow.engine.StepExecutor;
import dev.keel.workflow.engine.StepFailure;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code promote}: moves {@code alias} of {@code model} to the {@code candidate} version when the candidate beats
 * the version behind the alias on {@code metric} by at least {@code margin} (default 0; {@code direction: min} for
 * metrics where lower is better, such as loss). An alias that points nowhere yet is always moved. The decision is
 * an output, not a failure: {@code promoted: true|false} and {@code reason}, for later steps and for people.
 */
final class PromoteStep implements StepExecutor {
    private final ModelRegistry registry;

    PromoteStep(ModelRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    static StepType type(ModelRegistry registry) {
        return StepType.of("promote", Set.of("model", "candidate", "alias", "metric"), Set.of("margin", "direction"),
                new PromoteStep(registry));
    }

    @Override
    public StepResult execute(StepContext context) {
        String model = context.text("model");
        String alias = context.text("alias");
        String metric = context.text("metric");
        double margin = number(context, "margin", context.optionalText("margin").orElse("0"));
        boolean higherIsBetter = switch (context.optionalText("direction").orElse("max")) {
            case "max" -> true;
            case "min" -> false;
            default -> throw StepFailure.permanent("params.direction: " + context.text("direction")
                    + " (expected: max or min)");
        };
        ModelVersion candidate = registry.resolve(Project.DEFAULT_ID, model, context.text("candidate"));
        Double candidateValue = candidate.metrics().get(metric);
        if (candidateValue == null) {
            throw StepFailure.permanent("model " + model + " version " + candidate.version() + " has no metric "
                    + metric + " (has: " + candidate.metrics().keySet() + ")");
        }
        Optional<ModelVersion> current = current(model, alias);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("candidate", Integer.toString(candidate.version()));
        outputs.put("candidate_value", Double.toString(candidateValue));
        outputs.put("previous", current.map(v -> Integer.toString(v.version())).orElse("none"));
        String reason;
        boolean promote;
        if (current.isEmpty()) {
            promote = true;
            reason = "alias " + alias + " pointed nowhere; " + metric + " = " + candidateValue;
        } else if (current.get().version() == candidate.version()) {
            promote = false;
            reason = "alias " + alias + " already points at version " + candidate.version();
        } else {
            Double currentValue = current.get().metrics().get(metric);
            if (currentValue == null) {
                promote = true;
                reason = "version " + current.get().version() + " behind " + alias + " has no " + metric;
            } else {
                outputs.put("current_value", Double.toString(currentValue));
                double gain = higherIsBetter ? candidateValue - currentValue : currentValue - candidateValue;
                promote = gain >= margin;
                reason = metric + " " + candidateValue + " vs " + currentValue + " of version "
                        + current.get().version() + ": " + (promote ? "beats" : "does not beat") + " it by >= " + margin;
            }
        }
        if (promote) {
            registry.setAlias(Project.DEFAULT_ID, model, alias, candidate.version(), "pipeline:"
                    + context.pipelineName(), Optional.of(reason));
        }
        context.log((promote ? "promoted: " : "not promoted: ") + reason);
        outputs.put("promoted", Boolean.toString(promote));
        outputs.put("reason", reason);
        outputs.put("version", Integer.toString(promote ? candidate.version() : current.get().version()));
        return StepResult.of(outputs);
    }

    private Optional<ModelVersion> current(String model, String alias) {
        try {
            return Optional.of(registry.resolve(Project.DEFAULT_ID, model, alias));
        } catch (KeelException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static double number(StepContext context, String name, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw StepFailure.permanent("params." + name + ": " + text + " (expected: a number)");
        }
    }
}
