package dev.keel.server.job.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThroughputWindowTest {
    @Test
    void answersTheRateOverTheLastFullWindowNotTheLastStep() {
        ThroughputWindow window = new ThroughputWindow(1000);
        // The first step starts the window; nothing is known before a full window has passed.
        assertThat(window.add(32, 0)).isNaN();
        assertThat(window.add(32, 10)).isNaN();
        // 99 more steps of 32 samples, 10 ms apart: 3,200 samples/s over the window ending at 1,000 ms.
        double rate = Double.NaN;
        for (long at = 20; at <= 1000; at += 10) {
            rate = window.add(32, at);
        }
        assertThat(rate).isCloseTo(3200, within(1e-9));
        // A slow step (an epoch's first, waiting for the shuffle buffer: 500 ms) shows in the next window's average,
        // not as the figure on its own: 50 steps of 10 ms and one of 500 ms, 51 x 32 samples in 1,000 ms.
        for (long at = 1010; at <= 1500; at += 10) {
            assertThat(window.add(32, at)).isEqualTo(rate);
        }
        assertThat(window.add(32, 2000)).isCloseTo(50 * 32 + 32, within(1e-9));
    }

    @Test
    void aRestartLeavesAPauseOutAndKeepsTheLastRate() {
        ThroughputWindow window = new ThroughputWindow(1000);
        for (long at = 0; at <= 1000; at += 10) {
            window.add(32, at);
        }
        // Evaluation between epochs: 4 s without steps. The next epoch's first step (slow: the shuffle buffer) only
        // starts the new window, and the figure stays the last one until a full window of training has passed.
        window.restart();
        assertThat(window.add(32, 5500)).isCloseTo(3200, within(1e-9));
        for (long at = 5510; at < 6500; at += 10) {
            assertThat(window.add(32, at)).isCloseTo(3200, within(1e-9));
        }
        assertThat(window.add(64, 6500)).isCloseTo(99 * 32 + 64, within(1e-9));
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new ThroughputWindow(0)).hasMessageContaining("windowMillis: 0 (expected: > 0)");
    }
}
