package dev.keel.data.format;

import dev.keel.data.record.ColumnType;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text to typed values, shared by CSV and JSON Lines so both accept the same spellings: an empty field is
 * missing; integers fit a long; floats are plain decimals with an optional exponent (no NaN or infinity, so
 * statistics stay finite); booleans are {@code true}/{@code false} in any case. Numbers and booleans may be
 * surrounded by spaces.
 */
final class Values {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Values() {}

    /** The typed value of {@code text}, {@code null} when empty; {@link IllegalArgumentException} when not of the type. */
    static Object parse(String text, ColumnType type) {
        if (text.isEmpty()) {
            return null;
        }
        String trimmed = text.strip();
        return switch (type) {
            case STRING -> text;
            case INTEGER -> {
                if (!INTEGER.matcher(trimmed).matches()) {
                    throw new IllegalArgumentException(text);
                }
                try {
                    yield Long.parseLong(trimmed);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(text, e);
                }
            }
            case FLOAT -> {
                if (!FLOAT.matcher(trimmed).matches()) {
                    throw new IllegalArgumentException(text);
                }
                double value = Double.parseDouble(trimmed);
                if (Double.isInfinite(value)) {
                    throw new IllegalArgumentException(text);
                }
                yield value;
            }
            case BOOLEAN -> switch (trimmed.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(text);
            };
            case TENSOR -> throw new IllegalArgumentException(text);
        };
    }

    /** The narrowest type {@code text} parses as; {@code null} for an empty (missing) value. */
    static ColumnType narrowestType(String text) {
        if (text.isEmpty()) {
            return null;
        }
        // Pattern checks first: most values of a text column match none, and exceptions would cost per value.
        String trimmed = text.strip();
        if (INTEGER.matcher(trimmed).matches() && fitsLong(trimmed)) {
            return ColumnType.INTEGER;
        }
        if (FLOAT.matcher(trimmed).matches() && !Double.isInfinite(Double.parseDouble(trimmed))) {
            return ColumnType.FLOAT;
        }
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return ColumnType.BOOLEAN;
        }
        return ColumnType.STRING;
    }

    private static boolean fitsLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String quoted(String text) {
        String shown = text.length() <= 60 ? text : text.substring(0, 57) + "...";
        return "\"" + shown.replace("\"", "\\\"") + "\"";
    }
}
