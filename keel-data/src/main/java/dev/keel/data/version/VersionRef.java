package dev.keel.data.version;

import dev.keel.core.error.KeelException;
import java.util.regex.Pattern;

/** A user's way of naming a version: {@code 3}, {@code v3}, a tag, or a content-hash prefix (>= 8 hex). */
sealed interface VersionRef {
    Pattern NUMBER = Pattern.compile("v?([0-9]{1,9})");
    Pattern HASH_PREFIX = Pattern.compile("[0-9a-f]{8,64}");
    Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,62}");

    record Number(int number) implements VersionRef {}

    /** A tag, or failing that a hash prefix when the text looks like one. */
    record Name(String name) implements VersionRef {
        boolean mayBeHashPrefix() {
            return HASH_PREFIX.matcher(name).matches();
        }
    }

    static VersionRef parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw KeelException.invalid(field + ": \"" + text + "\" (expected: a version number, vN, a tag"
                    + " or a content-hash prefix of at least 8 hex characters)");
        }
        var number = NUMBER.matcher(text);
        if (number.matches()) {
            return new Number(Integer.parseInt(number.group(1)));
        }
        if (TAG.matcher(text).matches() || HASH_PREFIX.matcher(text).matches()) {
            return new Name(text);
        }
        throw KeelException.invalid(field + ": " + text + " (expected: a version number, vN, a tag"
                + " or a content-hash prefix of at least 8 hex characters)");
    }

    static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches() && !NUMBER.matcher(tag).matches();
    }
}
