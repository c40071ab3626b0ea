package dev.keel.monitor.alert;

import dev.keel.monitor.series.Aggregation;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Rules for tests: "avg of errors over 1 minute > 5, for 2 minutes". */
final class Rules {
    private Rules() {}

    static AlertRule errors(Optional<URI> webhook) {
        return new AlertRule("rule-1", "errors-high", "errors", Map.of("endpoint", "shop"), Aggregation.AVG,
                Comparison.GT, 5, Duration.ofMinutes(1), Duration.ofMinutes(2), "critical", Map.of("team", "ml"),
                webhook);
    }
}
