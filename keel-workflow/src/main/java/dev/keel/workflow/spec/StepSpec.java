package dev.keel.workflow.spec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * One node of the DAG. {@code needs} lists the steps that must succeed first, explicit ones and those implied by
 * {@code ${steps.X.outputs.Y}} references alike. {@code retries} extra attempts follow a failure, the n-th after
 * {@code backoff * 2^(n-1)}; {@code timeout} bounds one attempt.
 */
public record StepSpec(String name, String type, List<String> needs, ObjectNode params, Duration timeout, int retries,
        Duration backoff) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(5);

    public StepSpec {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        needs = List.copyOf(needs);
        params = requireNonNull(params, "params is null").deepCopy();
        requireNonNull(timeout, "timeout is null");
        requireNonNull(backoff, "backoff is null");
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
    }

    public int maxAttempts() {
        return retries + 1;
    }

    /** The wait before attempt {@code nextAttempt} (2 or more): backoff, doubled for each earlier retry. */
    public Duration backoffBefore(int nextAttempt) {
        int doublings = Math.max(0, Math.min(nextAttempt - 2, 20));
        return backoff.multipliedBy(1L << doublings);
    }
}
