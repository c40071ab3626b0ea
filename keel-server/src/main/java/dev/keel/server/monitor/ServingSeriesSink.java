package dev.keel.server.monitor;

import static java.util.Objects.requireNonNull;

import dev.keel.monitor.MetricNames;
import dev.keel.monitor.series.Labels;
import dev.keel.monitor.series.Sample;
import dev.keel.monitor.series.SampleWriter;
import dev.keel.serve.metrics.IntervalSink;
import dev.keel.serve.metrics.ServingInterval;

/**
 * Turns each serving interval (the counters {@code ServingMetricsWriter} already keeps) into series samples
 * stamped at the interval's end: counts as increments (query them with {@code rate} or {@code sum}), batch
 * size as the interval's mean rows per batch, queue depth as a gauge, latency quantiles in seconds.
 */
final class ServingSeriesSink implements IntervalSink {
    private final SampleWriter writer;

    ServingSeriesSink(SampleWriter writer) {
        this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public void interval(ServingInterval interval) {
        Labels labels = Labels.of("endpoint", interval.endpoint(), "model", interval.model(),
                "version", interval.version());
        long at = interval.endMillis();
        record(MetricNames.REQUESTS, labels, at, interval.requests());
        record(MetricNames.ERRORS, labels, at, interval.errors());
        record(MetricNames.REJECTED, labels, at, interval.rejected());
        record(MetricNames.EXPIRED, labels, at, interval.expired());
        record(MetricNames.QUEUE_DEPTH, labels, at, interval.queueDepth());
        if (interval.batches() > 0) {
            record(MetricNames.BATCH_SIZE, labels, at, (double) interval.batchRows() / interval.batches());
        }
        if (interval.requests() > 0 && interval.latencyP50Nanos() > 0) {
            record(MetricNames.LATENCY, labels.with("quantile", "0.5"), at, interval.latencyP50Nanos() / 1e9);
            record(MetricNames.LATENCY, labels.with("quantile", "0.9"), at, interval.latencyP90Nanos() / 1e9);
            record(MetricNames.LATENCY, labels.with("quantile", "0.99"), at, interval.latencyP99Nanos() / 1e9);
        }
    }

    private void record(String name, Labels labels, long at, double value) {
        writer.record(new Sample(name, labels, at, value));
    }
}
