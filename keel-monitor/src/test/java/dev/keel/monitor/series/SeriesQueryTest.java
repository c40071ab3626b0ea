package dev.keel.monitor.series;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.KeelException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesQueryTest {
    @Test
    void reportsEveryBadFieldAtOnce() {
        assertThatThrownBy(() -> new SeriesQuery(" ", Map.of(), 10, 5, Duration.ZERO, Aggregation.SUM, List.of()))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("name:").hasMessageContaining("to: 5").hasMessageContaining("step: PT0S");
    }

    @Test
    void refusesMoreStepsThanOneSeriesMayHold() {
        assertThatThrownBy(() -> new SeriesQuery("x", Map.of(), 0, 100_000_000, Duration.ofMillis(1),
                Aggregation.SUM, List.of())).hasMessageStartingWith("step: PT0.001S");
    }

    @Test
    void unknownAggregationNamesTheChoices() {
        assertThatThrownBy(() -> Aggregation.parse("median")).hasMessageStartingWith("agg: median (expected: one of sum");
    }
}
