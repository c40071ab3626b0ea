package dev.keel.monitor.series;

import java.time.Duration;

/** The stored resolutions: raw samples, then 1 minute and 1 hour rollups. */
public enum Resolution {
    RAW(Duration.ZERO),
    MINUTE(Duration.ofMinutes(1)),
    HOUR(Duration.ofHours(1));

    private final Duration bucket;

    Resolution(Duration bucket) {
        this.bucket = bucket;
    }

    public Duration bucket() {
        return bucket;
    }

    public long bucketMillis() {
        return bucket.toMillis();
    }

    public String label() {
        return switch (this) {
            case RAW -> "raw";
            case MINUTE -> "1m";
            case HOUR -> "1h";
        };
    }
}
