package dev.keel.server.workflow;

import dev.keel.core.config.HumanDuration;
import dev.keel.workflow.engine.EngineSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The workflow manager's knobs: the engine's tick and step lease, and how often triggers are checked. Read from the
 * environment ({@code KEEL_WORKFLOW_LEASE}, {@code KEEL_WORKFLOW_TICK}, {@code KEEL_WORKFLOW_TRIGGER_INTERVAL}) or
 * the matching system properties ({@code keel.workflow.lease} …); a shorter lease lets another server take over a
 * crashed one's steps sooner at the price of more heartbeat writes.
 */
public record WorkflowSettings(EngineSettings engine, Duration triggerInterval) {
    public WorkflowSettings {
        if (triggerInterval.isNegative() || triggerInterval.isZero()) {
            throw new IllegalArgumentException("triggerInterval: " + triggerInterval + " (expected: > 0)");
        }
    }

    public static WorkflowSettings defaults() {
        return new WorkflowSettings(EngineSettings.defaults(), Duration.ofSeconds(2));
    }

    public static WorkflowSettings from(Map<String, String> environment, java.util.Properties properties) {
        WorkflowSettings defaults = defaults();
        Duration tick = duration(environment, properties, "TICK", defaults.engine().tick());
        Duration lease = duration(environment, properties, "LEASE", defaults.engine().lease());
        Duration triggers = duration(environment, properties, "TRIGGER_INTERVAL", defaults.triggerInterval());
        return new WorkflowSettings(new EngineSettings(tick, lease), triggers);
    }

    private static Duration duration(Map<String, String> environment, java.util.Properties properties, String key,
            Duration fallback) {
        String env = "KEEL_WORKFLOW_" + key;
        String property = "keel.workflow." + key.toLowerCase(java.util.Locale.ROOT).replace("_", "");
        String text = environment.getOrDefault(env, properties.getProperty(property));
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return HumanDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(env + ": " + e.getMessage(), e);
        }
    }
}
