package dev.keel.data.split;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to split a dataset version, stored with it. JSON: {@code {"kind": "own"}} (the dataset's own tables named
 * train / test / validation, e.g. Fashion-MNIST's train and t10k), or
 * {@code {"kind": "random", "table": "iris", "seed": 42, "ratios": {"train": 0.8, "validation": 0.1, "test": 0.1}}}
 * (every row of one table assigned to exactly one split; {@code table} may be left out when there is one table).
 * Ratios keep their order, which is part of the assignment (see {@link SplitAssignment}). With
 * {@code "includeOwnSplits": true} a random split of one of the dataset's own split tables keeps the other own
 * splits whole: Fashion-MNIST's {@code {"kind": "random", "table": "train", "seed": 1, "ratios": {"train": 0.9,
 * "validation": 0.1}, "includeOwnSplits": true}} gives train and validation from {@code train}, test = {@code t10k}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SplitSpec(Kind kind, String table, Long seed, Map<String, Double> ratios,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean includeOwnSplits) {
    /** Ratios may differ from summing to exactly 1 by this much, to forgive decimal fractions like 0.7 + 0.2 + 0.1. */
    static final double SUM_TOLERANCE = 1e-9;
    static final int MAX_SPLITS = 100;

    public enum Kind {
        OWN,
        RANDOM;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind parse(String name) {
            for (Kind kind : values()) {
                if (kind.jsonName().equalsIgnoreCase(name)) {
                    return kind;
                }
            }
            throw KeelException.invalid("kind: " + name + " (expected: own or random)");
        }
    }

    public SplitSpec {
        Problems problems = new Problems();
        problems.require(kind != null, "kind", kind, "own or random");
        ratios = ratios == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
        if (kind == Kind.OWN) {
            problems.require(table == null, "table", table, "none for an own split");
            problems.require(seed == null, "seed", seed, "none for an own split");
            problems.require(ratios.isEmpty(), "ratios", ratios, "none for an own split");
            problems.require(!includeOwnSplits, "includeOwnSplits", true, "false for an own split, which has them all");
        } else if (kind == Kind.RANDOM) {
            problems.require(table == null || !table.isBlank(), "table", "\"" + table + "\"", "a table name or none");
            problems.require(seed != null, "seed", seed, "a number, so the split can be reproduced");
            problems.require(!ratios.isEmpty() && ratios.size() <= MAX_SPLITS, "ratios", ratios,
                    "1 to " + MAX_SPLITS + " splits, e.g. {\"train\": 0.8, \"validation\": 0.1, \"test\": 0.1}");
            BigDecimal sum = BigDecimal.ZERO;
            for (Map.Entry<String, Double> ratio : ratios.entrySet()) {
                String field = "ratios." + ratio.getKey();
                problems.require(ratio.getKey() != null && !ratio.getKey().isBlank(), "ratios", ratio.getKey(),
                        "split names that are not blank");
                Double value = ratio.getValue();
                boolean valid = value != null && !value.isNaN() && value >= 0 && value <= 1;
                problems.require(valid, field, value, "a number in [0, 1]");
                if (valid) {
                    sum = sum.add(BigDecimal.valueOf(value));
                }
            }
            if (problems.isEmpty()) {
                problems.require(sum.subtract(BigDecimal.ONE).abs().doubleValue() <= SUM_TOLERANCE, "ratios",
                        "sum " + sum.stripTrailingZeros().toPlainString(), "ratios summing to 1");
            }
        }
        problems.throwIfAny("split spec");
    }

    public static SplitSpec own() {
        return new SplitSpec(Kind.OWN, null, null, null, false);
    }

    public static SplitSpec random(String table, long seed, Map<String, Double> ratios) {
        return new SplitSpec(Kind.RANDOM, table, seed, requireNonNull(ratios, "ratios is null"), false);
    }

    /** This random split, keeping the dataset's other own splits (e.g. test) whole. */
    public SplitSpec withOwnSplits() {
        return new SplitSpec(kind, table, seed, ratios, true);
    }
}
