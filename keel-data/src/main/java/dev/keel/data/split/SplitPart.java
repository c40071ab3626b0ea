package dev.keel.data.split;

import static java.util.Objects.requireNonNull;

/** One split of a plan: its name, the table its rows come from and how many rows it has. */
public record SplitPart(String name, String table, long rows) {
    public SplitPart {
        requireNonNull(name, "name is null");
        requireNonNull(table, "table is null");
        if (rows < 0) {
            throw new IllegalArgumentException("rows: " + rows + " (expected: >= 0)");
        }
    }
}
