package dev.keel.data.split;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import java.util.List;

/**
 * A split spec resolved against a version's profile, stored with the version: the splits, in order, with their
 * table and exact row counts. JSON: {@code {"spec": {…}, "parts": [{"name": "train", "table": "iris", "rows": 120}, …]}}.
 */
public record SplitPlan(SplitSpec spec, List<SplitPart> parts) {
    public SplitPlan {
        requireNonNull(spec, "spec is null");
        parts = List.copyOf(parts);
    }

    public SplitPart part(String name) {
        return parts.stream().filter(part -> part.name().equals(name)).findFirst()
                .orElseThrow(() -> KeelException.notFound("split \"" + name + "\" (splits: "
                        + parts.stream().map(SplitPart::name).toList() + ")"));
    }

    /** Rows of the table a random split divides: the sum of its parts. */
    public long tableRows() {
        return parts.stream().mapToLong(SplitPart::rows).sum();
    }
}
