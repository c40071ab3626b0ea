package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.config.HumanDuration;
import dev.keel.workflow.engine.StepContext;
import dev.keel.workflow.engine.StepExecutor;
import dev.keel.workflow.engine.StepFailure;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code notify}: POSTs {@code body} (JSON; default: the pipeline, run and step) to the webhook {@code url},
 * retrying failures ({@code attempts}, default 4) with exponential backoff from {@code backoff} (default 1s), never
 * past the step's deadline. An undelivered notification does not fail the pipeline ({@code delivered: false}) unless
 * {@code required: true}.
 */
final class NotifyStep implements StepExecutor {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;

    NotifyStep(HttpClient http, ObjectMapper json, Clock clock) {
        this.http = requireNonNull(http, "http is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    static StepType type(HttpClient http, ObjectMapper json, Clock clock) {
        return StepType.of("notify", Set.of("url"), Set.of("body", "attempts", "backoff", "required"),
                new NotifyStep(http, json, clock));
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        URI url = URI.create(context.text("url"));
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw StepFailure.permanent("params.url: " + url + " (expected: an http or https URL)");
        }
        JsonNode body = context.params().get("body");
        String payload = body == null || body.isNull() ? json.writeValueAsString(Map.of("pipeline",
                context.pipelineName(), "run", context.runId(), "step", context.stepName()))
                : body.isTextual() ? body.asText() : json.writeValueAsString(body);
        int attempts = Integer.parseInt(context.optionalText("attempts").orElse("4"));
        Duration backoff = HumanDuration.parse(context.optionalText("backoff").orElse("1s"));
        String last = "not sent";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration left = Duration.between(clock.instant(), context.deadline());
            if (left.isNegative() || left.isZero()) {
                break;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                                .timeout(min(REQUEST_TIMEOUT, left))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    context.log("delivered to " + url + " (HTTP " + response.statusCode() + ", attempt " + attempt + ")");
                    return StepResult.of(Map.of("delivered", "true", "status", Integer.toString(response.statusCode())));
                }
                last = "HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            context.log("attempt " + attempt + " to " + url + " failed: " + last);
            if (attempt < attempts) {
                Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
                Instant wake = clock.instant().plus(wait);
                if (wake.isAfter(context.deadline())) {
                    break;
                }
                Thread.sleep(wait);
            }
        }
        if (Boolean.parseBoolean(context.optionalText("required").orElse("false"))) {
            throw StepFailure.retryable("webhook " + url + " not delivered: " + last);
        }
        context.log("giving up on " + url + ": " + last + " (the pipeline goes on)");
        return StepResult.of(Map.of("delivered", "false", "error", last));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
