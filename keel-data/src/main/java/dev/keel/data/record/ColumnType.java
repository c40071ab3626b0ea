package dev.keel.data.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.keel.core.error.KeelException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The type of a column. Values in a {@link Row} are {@code Long} (INTEGER), {@code Double} (FLOAT),
 * {@code Boolean} (BOOLEAN), {@code String} (STRING), {@link Tensor} (TENSOR) or {@code null} (missing).
 * Serialised in lower case ({@code "integer"}).
 */
public enum ColumnType {
    INTEGER,
    FLOAT,
    BOOLEAN,
    STRING,
    TENSOR;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnType parse(String name) {
        for (ColumnType type : values()) {
            if (type.jsonName().equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw KeelException.invalid("column type: " + name + " (expected one of: "
                + Arrays.stream(values()).map(ColumnType::jsonName).collect(Collectors.joining(", ")) + ")");
    }

    /** Whether values of this type have a numeric min, max and mean. */
    public boolean isNumeric() {
        return this == INTEGER || this == FLOAT;
    }
}
