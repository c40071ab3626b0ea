package dev.keel.data.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.split.SplitPlan;
import dev.keel.data.split.SplitPlanner;
import dev.keel.data.split.SplitSpec;
import dev.keel.data.stats.DatasetProfile;
import dev.keel.data.stats.DatasetProfiler;
import dev.keel.data.stats.TableStatistics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production {@link VersionProfiler}: the format readers' {@link DatasetProfiler} and {@link SplitPlanner}.
 * Stored per version: {@code schema} = the tables' column lists, {@code statistics} = the whole
 * {@link DatasetProfile}, {@code splits} = the {@link SplitPlan} (the named spec, or the dataset's own
 * train/test split when none is named), row counts per table.
 */
public final class FormatsVersionProfiler implements VersionProfiler {
    private final ObjectMapper json;

    public FormatsVersionProfiler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public VersionProfile profile(DatasetFiles files, JsonNode format, JsonNode split) {
        FormatOptions options = format == null || format.isNull() ? FormatOptions.defaults()
                : read("format", format, FormatOptions.class);
        DatasetProfile profile = DatasetProfiler.profile(files, options);
        SplitPlan plan = split == null || split.isNull()
                ? SplitPlanner.ownSplit(profile).orElse(null)
                : SplitPlanner.plan(read("split", split, SplitSpec.class), profile);
        Map<String, Long> rows = new LinkedHashMap<>();
        var schema = json.createObjectNode();
        for (TableStatistics table : profile.tables()) {
            rows.put(table.name(), table.rowCount());
            schema.set(table.name(), json.valueToTree(table.schema()));
        }
        return new VersionProfile(schema, json.valueToTree(profile), plan == null ? null : json.valueToTree(plan), rows);
    }

    /** Reads stored or requested JSON into a record, reporting its own validation message. */
    <T> T read(String field, JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KeelException keel) {
                throw keel;
            }
            throw KeelException.invalid(field + ": " + e.getOriginalMessage() + " (expected: a valid "
                    + type.getSimpleName() + ")");
        }
    }
}
