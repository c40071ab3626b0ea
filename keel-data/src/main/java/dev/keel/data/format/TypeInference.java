package dev.keel.data.format;

import dev.keel.data.record.Column;
import dev.keel.data.record.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers column types from every value of a column (not a sample, so a late "1.5" or "n/a" cannot break the
 * data pass): only integers → integer; integers and floats → float; only booleans → boolean; anything else,
 * or no value at all → string. Caller-given types replace inferred ones.
 */
final class TypeInference {
    private final Map<String, ColumnType> seen = new LinkedHashMap<>();

    void declare(String column) {
        seen.putIfAbsent(column, null);
    }

    void observe(String column, ColumnType type) {
        declare(column);
        if (type == null) {
            return;
        }
        ColumnType before = seen.get(column);
        seen.put(column, widen(before, type));
    }

    private static ColumnType widen(ColumnType before, ColumnType type) {
        if (before == null || before == type) {
            return type;
        }
        if (before.isNumeric() && type.isNumeric()) {
            return ColumnType.FLOAT;
        }
        return ColumnType.STRING;
    }

    List<Column> columns(Map<String, ColumnType> overrides) {
        List<Column> columns = new ArrayList<>();
        seen.forEach((name, type) -> columns.add(new Column(name,
                overrides.getOrDefault(name, type == null ? ColumnType.STRING : type))));
        return columns;
    }
}
