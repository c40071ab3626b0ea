package dev.keel.data.split;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.data.stats.DatasetProfile;
import dev.keel.data.stats.TableStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Resolves a {@link SplitSpec} against a version's profile into the {@link SplitPlan} stored with the version. */
public final class SplitPlanner {
    private static final List<String> OWN_SPLITS = List.of("train", "validation", "test");

    private SplitPlanner() {}

    /**
     * The plan of {@code spec} over {@code profile}: for an own split, the tables named train / validation / test
     * (also {@code val}, {@code valid}, {@code t10k}; by the last segment of the table name, so
     * {@code data/train} counts); for a random split, exact row counts per split. {@code INVALID_ARGUMENT} when
     * the dataset has no own split, or the random split's table is missing or ambiguous.
     */
    public static SplitPlan plan(SplitSpec spec, DatasetProfile profile) {
        requireNonNull(spec, "spec is null");
        requireNonNull(profile, "profile is null");
        return switch (spec.kind()) {
            case OWN -> ownPlan(spec, profile)
                    .orElseThrow(() -> KeelException.invalid("split kind: own (expected: tables named train, validation"
                            + " or test; tables: " + tableNames(profile) + ")"));
            case RANDOM -> randomPlan(spec, profile);
        };
    }

    /** The dataset's own split when it has one (a train table and at least one other), so callers can default to it. */
    public static Optional<SplitPlan> ownSplit(DatasetProfile profile) {
        return ownPlan(SplitSpec.own(), profile);
    }

    private static Optional<SplitPlan> ownPlan(SplitSpec spec, DatasetProfile profile) {
        Map<String, TableStatistics> bySplit = new LinkedHashMap<>();
        for (TableStatistics table : profile.tables()) {
            String split = ownSplitName(table.name());
            if (split == null) {
                continue;
            }
            TableStatistics other = bySplit.put(split, table);
            if (other != null) {
                throw KeelException.invalid("split " + split + ": tables " + other.name() + " and " + table.name()
                        + " (expected: one table per split)");
            }
        }
        if (!bySplit.containsKey("train") || bySplit.size() < 2) {
            return Optional.empty();
        }
        List<SplitPart> parts = new ArrayList<>();
        for (String split : OWN_SPLITS) {
            TableStatistics table = bySplit.get(split);
            if (table != null) {
                parts.add(new SplitPart(split, table.name(), table.rowCount()));
            }
        }
        return Optional.of(new SplitPlan(spec, parts));
    }

    private static String ownSplitName(String table) {
        String last = table.substring(table.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return switch (last) {
            case "train", "training" -> "train";
            case "test", "t10k", "testing" -> "test";
            case "validation", "val", "valid", "dev" -> "validation";
            default -> null;
        };
    }

    private static SplitPlan randomPlan(SplitSpec spec, DatasetProfile profile) {
        TableStatistics table;
        if (spec.table() != null) {
            table = profile.find(spec.table()).orElseThrow(() -> KeelException.invalid("table: " + spec.table()
                    + " (expected one of: " + tableNames(profile) + ")"));
        } else if (profile.tables().size() == 1) {
            table = profile.tables().getFirst();
        } else {
            throw KeelException.invalid("table: null (expected one of: " + tableNames(profile)
                    + ", as the dataset has " + profile.tables().size() + " tables)");
        }
        List<String> names = List.copyOf(spec.ratios().keySet());
        long[] counts = SplitAssignment.counts(List.copyOf(spec.ratios().values()), table.rowCount());
        List<SplitPart> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            parts.add(new SplitPart(names.get(i), table.name(), counts[i]));
        }
        if (spec.includeOwnSplits()) {
            List<SplitPart> own = ownPlan(SplitSpec.own(), profile).map(SplitPlan::parts).orElse(List.of());
            if (own.stream().noneMatch(part -> part.table().equals(table.name()))) {
                throw KeelException.invalid("includeOwnSplits: true (expected: a random split of one of the dataset's"
                        + " own split tables " + own.stream().map(SplitPart::table).toList() + ", not " + table.name() + ")");
            }
            own.stream()
                    .filter(part -> !part.table().equals(table.name()) && !spec.ratios().containsKey(part.name()))
                    .forEach(parts::add);
        }
        return new SplitPlan(spec, parts);
    }

    private static List<String> tableNames(DatasetProfile profile) {
        return profile.tables().stream().map(TableStatistics::name).toList();
    }
}
