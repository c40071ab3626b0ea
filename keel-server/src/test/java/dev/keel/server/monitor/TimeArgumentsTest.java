package dev.keel.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeArgumentsTest {
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void readsShortAndIsoDurations() {
        assertThat(TimeArguments.duration("step", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(TimeArguments.duration("step", "2d")).isEqualTo(Duration.ofDays(2));
        assertThat(TimeArguments.duration("step", "PT5M")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void readsRelativeAbsoluteAndEpochTimes() {
        assertThat(TimeArguments.instant("from", "now", NOW)).isEqualTo(NOW);
        assertThat(TimeArguments.instant("from", "-1h", NOW)).isEqualTo(NOW - 3_600_000);
        assertThat(TimeArguments.instant("from", "now-5m", NOW)).isEqualTo(NOW - 300_000);
        assertThat(TimeArguments.instant("from", "2023-11-14T22:13:20Z", NOW)).isEqualTo(NOW);
        assertThat(TimeArguments.instant("from", "12345", NOW)).isEqualTo(12345);
    }

    @Test
    void badValuesNameTheField() {
        assertThatThrownBy(() -> TimeArguments.instant("to", "tomorrow", NOW)).hasMessageStartingWith("to: tomorrow");
        assertThatThrownBy(() -> TimeArguments.duration("step", "-1m")).hasMessageStartingWith("step: -1m");
    }
}
