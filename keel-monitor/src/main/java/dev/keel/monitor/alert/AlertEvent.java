package dev.keel.monitor.alert;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** A rule started firing or resolved; stored, logged and posted to the rule's webhook. */
public record AlertEvent(String id, String ruleId, String ruleName, String state, String severity, Double value,
        double threshold, Map<String, String> labels, String message, long at) {
    public AlertEvent {
        requireNonNull(id, "id is null");
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(ruleName, "ruleName is null");
        requireNonNull(state, "state is null");
        requireNonNull(severity, "severity is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        requireNonNull(message, "message is null");
    }
}
