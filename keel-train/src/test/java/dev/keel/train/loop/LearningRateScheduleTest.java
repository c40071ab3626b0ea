package dev.keel.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.keel.train.spec.ScheduleSpec;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenHoldsAConstantRate() {
        LearningRateSchedule schedule = new LearningRateSchedule(new ScheduleSpec("constant", 4, 1, 0.1, 0), 0.4, 100);

        assertThat(schedule.at(0)).isCloseTo(0.1, within(1e-12));
        assertThat(schedule.at(3)).isCloseTo(0.4, within(1e-12));
        assertThat(schedule.at(50)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void stepScheduleMultipliesByGammaEveryStepSizeSteps() {
        LearningRateSchedule schedule = new LearningRateSchedule(new ScheduleSpec("step", 0, 10, 0.5, 0), 1.0, 100);

        assertThat(schedule.at(9)).isEqualTo(1.0);
        assertThat(schedule.at(10)).isEqualTo(0.5);
        assertThat(schedule.at(25)).isEqualTo(0.25);
    }

    @Test
    void cosineScheduleFallsFromTheBaseRateToTheMinimumOverTheRun() {
        LearningRateSchedule schedule = new LearningRateSchedule(new ScheduleSpec("cosine", 10, 1, 0.1, 0.1), 1.1, 110);

        assertThat(schedule.at(10)).isCloseTo(1.1, within(1e-12));
        assertThat(schedule.at(60)).isCloseTo(0.6, within(1e-12));
        assertThat(schedule.at(110)).isCloseTo(0.1, within(1e-12));
    }
}
