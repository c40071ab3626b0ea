package dev.keel.train.spec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which dataset version a spec trains on: {@code name@version} (a number, {@code vN} or a content-hash prefix)
 * or {@code name:tag}. The ref is passed as is to the dataset manager, which resolves both forms.
 */
public record DatasetReference(String name, String ref, boolean tag) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public DatasetReference {
        requireNonNull(name, "name is null");
        requireNonNull(ref, "ref is null");
    }

    /** Parses {@code name@version} or {@code name:tag}; empty when the text is neither. */
    public static Optional<DatasetReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int at = text.lastIndexOf('@');
        int colon = text.lastIndexOf(':');
        int separator = Math.max(at, colon);
        if (separator <= 0 || (at >= 0 && colon >= 0)) {
            return Optional.empty();
        }
        String name = text.substring(0, separator);
        String ref = text.substring(separator + 1);
        if (!NAME.matcher(name).matches() || !REF.matcher(ref).matches()) {
            return Optional.empty();
        }
        return Optional.of(new DatasetReference(name, ref, separator == colon));
    }

    @JsonValue
    @Override
    public String toString() {
        return name + (tag ? ":" : "@") + ref;
    }
}
