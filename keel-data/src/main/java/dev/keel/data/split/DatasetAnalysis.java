package dev.keel.data.split;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.stats.DatasetProfile;
import dev.keel.data.stats.DatasetProfiler;
import dev.keel.data.stats.TableStatistics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the format side knows about one dataset version, in the JSON form stored with it: the options it
 * is read with, its profile (schema and statistics) and its split plan. The one seam to the version store:
 * <ul>
 *   <li>at commit: {@link #analyze(DatasetFiles, JsonNode, JsonNode)}, then store {@link #formatJson()},
 *       {@link #schemaJson()}, {@link #statisticsJson()}, {@link #splitsJson()}, {@link #rowCounts()};</li>
 *   <li>to stream a split: {@link #fromStored(JsonNode, JsonNode, JsonNode)} then
 *       {@link #openSplit(DatasetFiles, String, int)}, each batch encoded by
 *       {@link dev.keel.data.record.RecordJson}.</li>
 * </ul>
 *
 * @param plan the split plan, or {@code null} when no split was asked for and the dataset has no own split
 */
public record DatasetAnalysis(FormatOptions options, DatasetProfile profile, SplitPlan plan) {
    public DatasetAnalysis {
        requireNonNull(options, "options is null");
        requireNonNull(profile, "profile is null");
    }

    /**
     * Profiles {@code files} (one streaming pass over every table) and plans their split. {@code format}: JSON of
     * {@link FormatOptions}, {@code null} for defaults. {@code split}: JSON of {@link SplitSpec}, {@code null} for
     * the dataset's own split when it has one (train/test tables), else none. Throws {@code INVALID_ARGUMENT} for
     * bad options or spec (naming the field), {@code MALFORMED_DATA} for bad data (naming file, line, column).
     */
    public static DatasetAnalysis analyze(DatasetFiles files, JsonNode format, JsonNode split) {
        requireNonNull(files, "files is null");
        FormatOptions options = isAbsent(format) ? FormatOptions.defaults()
                : StoredJson.read(format, FormatOptions.class, "format");
        SplitSpec spec = isAbsent(split) ? null : StoredJson.read(split, SplitSpec.class, "split");
        DatasetProfile profile = DatasetProfiler.profile(files, options);
        SplitPlan plan = spec == null ? SplitPlanner.ownSplit(profile).orElse(null) : SplitPlanner.plan(spec, profile);
        return new DatasetAnalysis(options, profile, plan);
    }

    /** The analysis of a committed version, from the JSON {@link #formatJson()}, {@link #statisticsJson()} and
     *  {@link #splitsJson()} stored with it. */
    public static DatasetAnalysis fromStored(JsonNode format, JsonNode statistics, JsonNode splits) {
        FormatOptions options = isAbsent(format) ? FormatOptions.defaults()
                : StoredJson.read(format, FormatOptions.class, "format");
        requireNonNull(statistics, "statistics is null");
        DatasetProfile profile = StoredJson.read(statistics, DatasetProfile.class, "statistics");
        SplitPlan plan = isAbsent(splits) ? null : StoredJson.read(splits, SplitPlan.class, "splits");
        return new DatasetAnalysis(options, profile, plan);
    }

    /**
     * Streams split {@code split} in batches of at most {@code batchSize} rows. {@code NOT_FOUND} when the
     * version has no split plan or no such split.
     */
    public SplitReader openSplit(DatasetFiles files, String split, int batchSize) {
        if (plan == null) {
            throw KeelException.notFound("split \"" + split + "\" (the version has no splits)");
        }
        return SplitReader.open(files, options, profile, plan, split, batchSize);
    }

    public JsonNode formatJson() {
        return StoredJson.write(options);
    }

    /** {@code {"train": [{"name": "image", "type": "tensor"}, …], …}}: columns per table. */
    public JsonNode schemaJson() {
        var schema = JsonNodeFactory.instance.objectNode();
        for (TableStatistics table : profile.tables()) {
            ArrayNode columns = schema.putArray(table.name());
            table.schema().columns().forEach(column -> columns.addObject()
                    .put("name", column.name()).put("type", column.type().jsonName()));
        }
        return schema;
    }

    /** The whole {@link DatasetProfile}. */
    public JsonNode statisticsJson() {
        return StoredJson.write(profile);
    }

    /** The {@link SplitPlan}, or {@code null}. */
    public JsonNode splitsJson() {
        return plan == null ? null : StoredJson.write(plan);
    }

    /** Rows per table, then per split as {@code split:<name>}. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        profile.tables().forEach(table -> counts.put(table.name(), table.rowCount()));
        if (plan != null) {
            plan.parts().forEach(part -> counts.put("split:" + part.name(), part.rows()));
        }
        return counts;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
