package dev.keel.workflow.spec;

import static java.util.Objects.requireNonNull;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Optional;

/**
 * A five-field cron schedule ({@code minute hour day-of-month month day-of-week}, UTC) with {@code *}, numbers,
 * ranges {@code a-b}, lists {@code a,b} and steps {@code *}{@code /n} or {@code a-b/n}; day of week 0-7 (0 and 7
 * are Sunday). When both day fields are restricted, a day matching either fires, as in classic cron.
 */
public final class CronSchedule {
    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    private CronSchedule(String expression, BitSet[] fields, boolean daysRestricted, boolean weekdaysRestricted) {
        this.expression = expression;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.days = fields[2];
        this.months = fields[3];
        this.weekdays = fields[4];
        this.daysRestricted = daysRestricted;
        this.weekdaysRestricted = weekdaysRestricted;
    }

    /** Parses {@code expression}; the exception's message says which field is wrong and why. */
    public static CronSchedule parse(String expression) {
        requireNonNull(expression, "expression is null");
        String[] parts = expression.trim().split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException(expression + " (expected: 5 fields: minute hour day-of-month month"
                    + " day-of-week)");
        }
        int[][] bounds = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
        String[] names = {"minute", "hour", "day-of-month", "month", "day-of-week"};
        BitSet[] fields = new BitSet[5];
        for (int i = 0; i < 5; i++) {
            fields[i] = field(names[i], parts[i], bounds[i][0], bounds[i][1]);
        }
        if (fields[4].get(7)) {
            fields[4].set(0);
        }
        return new CronSchedule(expression.trim(), fields, !parts[2].equals("*"), !parts[4].equals("*"));
    }

    private static BitSet field(String name, String text, int min, int max) {
        BitSet bits = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(name, item.substring(slash + 1), 1, max);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw new IllegalArgumentException(name + " " + text + " (expected: a range a-b)");
                }
                from = number(name, ends[0], min, max);
                to = number(name, ends[1], min, max);
                if (from > to) {
                    throw new IllegalArgumentException(name + " " + text + " (expected: a range with start <= end)");
                }
            } else {
                from = number(name, range, min, max);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " " + text + " (expected: " + min + "-" + max + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " " + text + " (expected: a number, *, a-b, a,b or */n)");
        }
    }

    public String expression() {
        return expression;
    }

    /** The first fire time strictly after {@code after}; empty when none comes within five years. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZonedDateTime t = after.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean day = days.get(t.getDayOfMonth());
        boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (daysRestricted && weekdaysRestricted) {
            return day || weekday;
        }
        return day && weekday;
    }

    @Override
    public String toString() {
        return expression;
    }
}
