package dev.keel.serve.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.batching.BatchListener;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingMetricsWriterTest {
    @Test
    void writesOneRowPerVersionAndIntervalAndSkipsIdleIntervals(@TempDir Path dir) {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            ServingMetricsWriter writer = new ServingMetricsWriter(store,
                    Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
            BatchListener listener = writer.versionStarted("scale", "scaler", "3", () -> 4);
            listener.dequeued(2_000);
            listener.dequeued(6_000);
            listener.batchCompleted(2, 5, 10_000, false);
            listener.answered(null);
            listener.answered(new KeelException(ErrorCode.INVALID_ARGUMENT, "bad"));
            listener.rejected();

            assertThat(writer.flush()).isEqualTo(1);
            assertThat(writer.flush()).isZero();
            Map<String, Object> row = store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM serving_metrics")
                    .mapToMap().one());
            assertThat(row).containsEntry("endpoint", "scale").containsEntry("version", "3");
            assertThat(((Number) row.get("requests")).longValue()).isEqualTo(2);
            assertThat(((Number) row.get("errors")).longValue()).isEqualTo(1);
            assertThat(((Number) row.get("rejected")).longValue()).isEqualTo(1);
            assertThat(((Number) row.get("batch_rows")).longValue()).isEqualTo(5);
            assertThat(((Number) row.get("queue_nanos_max")).longValue()).isEqualTo(6_000);
            assertThat(((Number) row.get("queue_depth")).intValue()).isEqualTo(4);
        }
    }

    @Test
    void handsEachIntervalWithLatencyQuantilesToTheSink(@TempDir Path dir) {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            java.util.List<ServingInterval> intervals = new java.util.ArrayList<>();
            ServingMetricsWriter writer = new ServingMetricsWriter(store,
                    Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC), intervals::add);
            BatchListener listener = writer.versionStarted("scale", "scaler", "3", () -> 0);
            // Two requests wait 2 us and 6 us, then their batch computes for 10 us: latencies 12 us and 16 us.
            listener.dequeued(2_000);
            listener.dequeued(6_000);
            listener.batchCompleted(2, 2, 10_000, false);
            listener.answered(null);
            listener.answered(null);

            writer.flush();
            writer.flush();

            assertThat(intervals).singleElement().satisfies(interval -> {
                assertThat(interval.requests()).isEqualTo(2);
                assertThat(interval.latencyP50Nanos()).isBetween(12_000L, 13_200L);
                assertThat(interval.latencyP99Nanos()).isBetween(16_000L, 17_600L);
            });
        }
    }
}
