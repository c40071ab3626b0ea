package dev.keel.monitor.series;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** How long each resolution is kept; each must outlive the finer one, which is what makes rollups useful. */
public record Retention(Duration raw, Duration minute, Duration hour) {
    public Retention {
        requireNonNull(raw, "raw is null");
        requireNonNull(minute, "minute is null");
        requireNonNull(hour, "hour is null");
        if (raw.compareTo(Duration.ofMinutes(5)) < 0) {
            throw new IllegalArgumentException("raw: " + raw + " (expected: >= PT5M)");
        }
        if (minute.compareTo(raw) < 0) {
            throw new IllegalArgumentException("minute: " + minute + " (expected: >= raw " + raw + ")");
        }
        if (hour.compareTo(minute) < 0) {
            throw new IllegalArgumentException("hour: " + hour + " (expected: >= minute " + minute + ")");
        }
    }

    /** Raw for a day, minutes for two weeks, hours for about 13 months. */
    public static Retention defaults() {
        return new Retention(Duration.ofDays(1), Duration.ofDays(14), Duration.ofDays(400));
    }

    public Duration of(Resolution resolution) {
        return switch (resolution) {
            case RAW -> raw;
            case MINUTE -> minute;
            case HOUR -> hour;
        };
    }
}
