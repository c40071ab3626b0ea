package dev.keel.workflow.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    @Test
    void nextFireOfADailyScheduleIsTheNextDayWhenTodaysPassed() {
        CronSchedule daily = CronSchedule.parse("30 3 * * *");

        assertThat(daily.next(ZonedDateTime.parse("2026-11-23T04:00:00Z"))).contains(
                ZonedDateTime.parse("2026-11-24T03:30:00Z"));
    }

    @Test
    void stepsListsAndWeekdaysCombine() {
        CronSchedule schedule = CronSchedule.parse("*/15 9-17 * * 1-5");

        // 2026-11-21 is a Saturday: the next fire is Monday 09:00.
        assertThat(schedule.next(ZonedDateTime.parse("2026-11-21T12:07:00Z"))).contains(
                ZonedDateTime.parse("2026-11-23T09:00:00Z"));
        assertThat(schedule.next(ZonedDateTime.parse("2026-11-23T09:00:00Z"))).contains(
                ZonedDateTime.parse("2026-11-23T09:15:00Z"));
    }

    @Test
    void rejectsOutOfRangeFieldsNamingTheField() {
        assertThatThrownBy(() -> CronSchedule.parse("0 24 * * *")).hasMessageContaining("hour 24 (expected: 0-23)");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * *")).hasMessageContaining("expected: 5 fields");
    }
}
