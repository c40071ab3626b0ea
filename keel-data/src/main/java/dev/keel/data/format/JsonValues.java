package dev.keel.data.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.data.record.Column;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.TableSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON values to typed column values, shared by JSON Lines and JSON-array tables: types come from JSON types
 * (integers and floats widen to float; nested objects and arrays become their JSON text); a value of the wrong
 * type, or text that does not parse as the column's type, is a bad row naming the column.
 */
final class JsonValues {
    private JsonValues() {}

    /** The values of {@code node} in schema order, or {@code null} after reporting a bad value at {@code where}. */
    static Map<String, Object> toValues(JsonNode node, TableSchema schema, String where, BadRows badRows) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column column : schema.columns()) {
            JsonNode value = node.path(column.name());
            try {
                values.put(column.name(), convert(value, column.type()));
            } catch (IllegalArgumentException e) {
                badRows.report(where + ", column \"" + column.name() + "\": " + Values.quoted(value.toString())
                        + " (expected: " + column.type().jsonName() + ")");
                return null;
            }
        }
        return values;
    }

    static ColumnType jsonType(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return ColumnType.INTEGER;
        }
        if (value.isNumber()) {
            return ColumnType.FLOAT;
        }
        return value.isBoolean() ? ColumnType.BOOLEAN : ColumnType.STRING;
    }

    static Object convert(JsonNode value, ColumnType type) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return type == ColumnType.STRING ? value.asText() : Values.parse(value.asText(), type);
        }
        return switch (type) {
            case STRING -> value.toString();
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw new IllegalArgumentException(value.toString());
                }
                yield value.asLong();
            }
            case FLOAT -> {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException(value.toString());
                }
                yield value.asDouble();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException(value.toString());
                }
                yield value.asBoolean();
            }
            case TENSOR -> throw new IllegalArgumentException(value.toString());
        };
    }
}
