package dev.keel.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What a step attempt sees: its params with references resolved, where it is, and where to log. */
public interface StepContext {
    String runId();

    String pipelineName();

    String stepName();

    /** 1 for the first attempt. */
    int attempt();

    /** The params, every {@code ${…}} replaced. */
    ObjectNode params();

    /** The run's parameters (defaults merged with those given). */
    Map<String, String> runParameters();

    /** When this attempt times out. */
    Instant deadline();

    /**
     * What an earlier attempt of this step started outside the engine (e.g. a training job id) — present when the
     * server running it died, so this attempt may re-attach instead of starting again.
     */
    Optional<String> externalRef();

    /** Stores {@code ref} at once (not at the end of the attempt), so a crash right after still finds it. */
    void recordExternalRef(String ref);

    /**
     * True when the attempt is interrupted because this server shuts down: the step stays RUNNING and is taken
     * over later, so what it started outside (a job) must be left running. Otherwise an interrupt means cancel or
     * timeout, and the step should stop what it started.
     */
    boolean shuttingDown();

    /** Appends a line to the step's log (kept in the store, the last 64 KiB). */
    void log(String line);

    default String text(String name) {
        JsonNode value = params().path(name);
        if (value.isMissingNode() || value.isNull()) {
            throw StepFailure.permanent("params." + name + ": missing (expected: a value)");
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    default Optional<String> optionalText(String name) {
        JsonNode value = params().path(name);
        return value.isMissingNode() || value.isNull() ? Optional.empty()
                : Optional.of(value.isValueNode() ? value.asText() : value.toString());
    }
}
