package dev.keel.server.monitor;

import dev.keel.core.error.KeelException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and durations as people type them on a command line: durations {@code 30s}, {@code 5m}, {@code 1h},
 * {@code 2d} or ISO-8601 ({@code PT5M}); times {@code now}, {@code -1h} / {@code now-1h} (relative),
 * ISO-8601 instants or epoch milliseconds.
 */
final class TimeArguments {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private TimeArguments() {}

    static Duration duration(String field, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw KeelException.invalid(field + ": " + text + " (expected: a duration such as 30s, 5m, 1h, 2d or PT5M)");
        }
    }

    static long instant(String field, String text, long now) {
        String value = text.trim();
        if (value.equals("now")) {
            return now;
        }
        if (value.startsWith("now-") || value.startsWith("-")) {
            String ago = value.substring(value.indexOf('-') + 1);
            try {
                return now - duration(field, ago).toMillis();
            } catch (KeelException e) {
                throw invalidTime(field, text);
            }
        }
        if (value.matches("\\d{1,15}")) {
            return Long.parseLong(value);
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw invalidTime(field, text);
        }
    }

    private static KeelException invalidTime(String field, String text) {
        return KeelException.invalid(field + ": " + text
                + " (expected: now, -1h, an ISO-8601 instant or epoch milliseconds)");
    }
}
