package dev.keel.data.split;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import java.util.List;

/**
 * A split spec resolved against a version's profile, stored with the version: the splits, in order, with their
 * table and exact row counts; a random plan lists its random parts first, in ratio order, then any own splits it
 * keeps whole. JSON: {@code {"spec": {…}, "parts": [{"name": "train", "table": "iris", "rows": 120}, …]}}.
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

    /** Whether the rows of {@code part} are drawn at random from its table, rather than being the whole table. */
    public boolean isRandom(SplitPart part) {
        return spec.kind() == SplitSpec.Kind.RANDOM && parts.indexOf(part) < spec.ratios().size();
    }

    /** The parts drawn at random, in ratio order: the first {@code ratios.size()} parts of a random plan. */
    public List<SplitPart> randomParts() {
        return spec.kind() == SplitSpec.Kind.RANDOM ? parts.subList(0, spec.ratios().size()) : List.of();
    }
}
