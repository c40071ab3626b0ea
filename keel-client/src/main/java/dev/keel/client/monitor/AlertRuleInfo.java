package dev.keel.client.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** An alert rule as the API shows it (durations ISO-8601). */
public record AlertRuleInfo(String id, String name, String metric, Map<String, String> match, String aggregation,
        String condition, double threshold, String window, @JsonProperty("for") String forDuration, String severity,
        Map<String, String> labels, String webhook) {}
