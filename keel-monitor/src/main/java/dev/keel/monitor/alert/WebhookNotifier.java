package dev.keel.monitor.alert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs alert events as JSON to webhooks. {@link #send} only schedules the first attempt on the notifier's
 * own executor and returns, so a slow or unreachable webhook never holds up the evaluator (or serving); a
 * failed attempt (connection error, timeout or non-2xx) is retried after {@code initialBackoff}, doubling
 * each time, up to {@code maxAttempts}. At most {@code maxInFlight} deliveries are pending at once; beyond
 * that new ones are dropped and logged rather than queued without bound.
 */
public final class WebhookNotifier {
    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final ScheduledExecutorService executor;
    private final Duration timeout;
    private final Duration initialBackoff;
    private final int maxAttempts;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    public WebhookNotifier(HttpClient client, ScheduledExecutorService executor, Duration timeout,
            Duration initialBackoff, int maxAttempts, int maxInFlight) {
        this.client = requireNonNull(client, "client is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.initialBackoff = requireNonNull(initialBackoff, "initialBackoff is null");
        if (maxAttempts < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + ", maxInFlight: " + maxInFlight
                    + " (expected: both >= 1)");
        }
        this.maxAttempts = maxAttempts;
        this.maxInFlight = maxInFlight;
    }

    /** Queues delivery of {@code event} to {@code webhook}; false when too many deliveries are pending. */
    public boolean send(URI webhook, AlertEvent event) {
        requireNonNull(webhook, "webhook is null");
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            log.warn("alert {} {} not posted to {}: {} deliveries already pending", event.ruleName(), event.state(),
                    webhook, maxInFlight);
            return false;
        }
        byte[] body = body(event);
        try {
            executor.execute(() -> attempt(webhook, event, body, 1));
        } catch (java.util.concurrent.RejectedExecutionException shutdown) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    public int pending() {
        return inFlight.get();
    }

    private void attempt(URI webhook, AlertEvent event, byte[] body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                inFlight.decrementAndGet();
                return;
            }
            String reason = error != null ? error.toString() : "HTTP " + response.statusCode();
            if (attempt >= maxAttempts) {
                inFlight.decrementAndGet();
                log.warn("giving up posting alert {} {} to {} after {} attempts: {}", event.ruleName(), event.state(),
                        webhook, attempt, reason);
                return;
            }
            long delay = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
            log.info("posting alert {} {} to {} failed ({}), retry {} in {} ms", event.ruleName(), event.state(),
                    webhook, reason, attempt, delay);
            try {
                executor.schedule(() -> attempt(webhook, event, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shutdown) {
                inFlight.decrementAndGet();
            }
        });
    }

    static byte[] body(AlertEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("rule", event.ruleName());
        json.put("ruleId", event.ruleId());
        json.put("state", event.state());
        json.put("severity", event.severity());
        json.put("value", event.value());
        json.put("threshold", event.threshold());
        json.put("labels", new TreeMap<>(event.labels()));
        json.put("message", event.message());
        json.put("at", java.time.Instant.ofEpochMilli(event.at()).toString());
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
