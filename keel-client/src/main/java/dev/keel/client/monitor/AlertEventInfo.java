package dev.keel.client.monitor;

import java.util.Map;

/** A rule fired or resolved. */
public record AlertEventInfo(String id, String rule, String ruleId, String state, String severity, Double value,
        double threshold, Map<String, String> labels, String message, String at) {}
