package dev.keel.server.monitor;

import static java.util.Objects.requireNonNull;

import dev.keel.monitor.series.Retention;
import java.time.Duration;

/** The metrics store's tunables; {@link #defaults()} is what the server runs with. */
record MonitorSettings(Retention retention, Duration lateness, int bufferCapacity, double sampleRate, int sampleQueue,
        int maxRowsPerBatch, Duration driftWindow, int driftMinSamples, Duration flushEvery, Duration compactEvery,
        Duration driftEvery, Duration alertEvery, Duration webhookTimeout, Duration webhookBackoff,
        int webhookAttempts) {
    MonitorSettings {
        requireNonNull(retention, "retention is null");
        requireNonNull(lateness, "lateness is null");
        requireNonNull(driftWindow, "driftWindow is null");
        requireNonNull(webhookTimeout, "webhookTimeout is null");
        requireNonNull(webhookBackoff, "webhookBackoff is null");
    }

    /**
     * Raw samples for a day; a tenth of the batches sampled (at most 32 rows each, 256 batches waiting);
     * drift over the last 15 minutes from at least 30 values; webhooks retried 6 times from 1 s.
     */
    static MonitorSettings defaults() {
        return new MonitorSettings(Retention.defaults(), Duration.ofSeconds(30), 100_000, 0.1, 256, 32,
                Duration.ofMinutes(15), 30, Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(30),
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(1), 6);
    }
}
