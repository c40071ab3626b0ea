package dev.keel.train.tracking;

import dev.keel.core.error.Problems;
import java.util.regex.Pattern;

/** The sizes and characters MLflow allows for names, keys and values, checked the same way on every path. */
final class TrackingLimits {
    static final int MAX_KEY = 250;
    static final int MAX_PARAM_VALUE = 6000;
    static final int MAX_TAG_VALUE = 8000;
    static final int MAX_NAME = 500;
    static final int MAX_BATCH_METRICS = 1000;
    static final int MAX_BATCH_PARAMS = 100;
    static final int MAX_BATCH_TAGS = 100;
    private static final Pattern KEY = Pattern.compile("[\\w\\-. /]+", Pattern.UNICODE_CHARACTER_CLASS);

    private TrackingLimits() {}

    static void key(Problems problems, String field, String key) {
        problems.require(key != null && !key.isEmpty() && key.length() <= MAX_KEY && KEY.matcher(key).matches()
                        && !key.contains("..") && !key.startsWith("/"),
                field, key, "1-" + MAX_KEY + " characters of letters, digits, '_', '-', '.', ' ', '/'");
    }

    static void value(Problems problems, String field, String value, int max) {
        problems.require(value != null && value.length() <= max, field,
                value == null ? null : value.length() > 40 ? value.length() + " characters" : value,
                "a string of at most " + max + " characters");
    }

    static void name(Problems problems, String field, String name) {
        problems.require(name != null && !name.isBlank() && name.length() <= MAX_NAME, field, name,
                "1-" + MAX_NAME + " characters, not blank");
    }
}
