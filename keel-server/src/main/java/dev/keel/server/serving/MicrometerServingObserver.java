package dev.keel.server.serving;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.serve.batching.BatchListener;
import dev.keel.serve.deploy.ServingObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Prometheus metrics per endpoint, model and version: {@code keel_serving_queue_seconds} and
 * {@code keel_serving_compute_seconds} histograms, {@code keel_serving_batch_rows} histogram,
 * {@code keel_serving_queue_depth} gauge, {@code keel_serving_requests_total{status}} counter (status is
 * "ok" or the error code, e.g. RATE_LIMITED, INVALID_ARGUMENT, DEADLINE_EXCEEDED).
 */
public final class MicrometerServingObserver implements ServingObserver {
    private final MeterRegistry registry;

    public MicrometerServingObserver(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public BatchListener versionStarted(String endpoint, String model, String version, IntSupplier queueDepth) {
        Tags tags = Tags.of("endpoint", endpoint, "model", model, "version", version);
        Timer queue = Timer.builder("keel.serving.queue").tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        Timer compute = Timer.builder("keel.serving.compute").tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        DistributionSummary rows = DistributionSummary.builder("keel.serving.batch.rows").tags(tags)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
        Gauge.builder("keel.serving.queue.depth", queueDepth, IntSupplier::getAsInt).tags(tags).strongReference(true)
                .register(registry);
        Map<String, Counter> byStatus = new ConcurrentHashMap<>();
        return new BatchListener() {
            @Override
            public void batchCompleted(int requests, int batchRows, long computeNanos, boolean failed) {
                compute.record(computeNanos, TimeUnit.NANOSECONDS);
                rows.record(batchRows);
            }

            @Override
            public void dequeued(long queueNanos) {
                queue.record(queueNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void answered(Throwable error) {
                String status = error == null ? "ok" : error instanceof KeelException e ? e.code().name() : "INTERNAL";
                byStatus.computeIfAbsent(status, s -> Counter.builder("keel.serving.requests").tags(tags)
                        .tag("status", s).register(registry)).increment();
            }
        };
    }

    @Override
    public void versionStopped(String endpoint, String model, String version) {
        Tags tags = Tags.of("endpoint", endpoint, "model", model, "version", version);
        registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("keel.serving.")
                        && meter.getId().getTags().containsAll(tags.stream().toList()))
                .forEach(registry::remove);
    }
}
