package dev.keel.data.split;

import static dev.keel.data.format.Fixtures.idxImages;
import static dev.keel.data.format.Fixtures.idxLabels;
import static dev.keel.data.format.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.format.FolderDatasetFiles;
import dev.keel.data.record.RecordBatch;
import dev.keel.data.record.RecordJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetAnalysisTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    private DatasetFiles mnist() {
        write(dir, "train-images-idx3-ubyte", idxImages(5, 2, 2));
        write(dir, "train-labels-idx1-ubyte", idxLabels(0, 1, 2, 3, 4));
        write(dir, "t10k-images-idx3-ubyte", idxImages(2, 2, 2));
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(5, 6));
        return new FolderDatasetFiles(dir);
    }

    private DatasetFiles points() {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(i % 2).append('\n');
        }
        write(dir, "points.csv", csv.toString());
        return new FolderDatasetFiles(dir);
    }

    private JsonNode json(String text) throws IOException {
        return mapper.readTree(text);
    }

    @Test
    void defaultsToTheDatasetsOwnSplit() {
        DatasetAnalysis analysis = DatasetAnalysis.analyze(mnist(), null, null);

        assertThat(analysis.plan().spec()).isEqualTo(SplitSpec.own());
        assertThat(analysis.rowCounts()).containsExactly(Map.entry("test", 2L), Map.entry("train", 5L),
                Map.entry("split:train", 5L), Map.entry("split:test", 2L));
    }

    @Test
    void hasNoPlanWithoutSpecOrOwnSplit() {
        DatasetAnalysis analysis = DatasetAnalysis.analyze(points(), null, null);

        assertThat(analysis.plan()).isNull();
        assertThat(analysis.splitsJson()).isNull();
        assertThatThrownBy(() -> analysis.openSplit(points(), "train", 10))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void describesTheSchemaAsColumnsPerTable() throws IOException {
        JsonNode schema = DatasetAnalysis.analyze(mnist(), null, null).schemaJson();

        assertThat(schema).isEqualTo(json("{\"test\": [{\"name\": \"image\", \"type\": \"tensor\"},"
                + " {\"name\": \"label\", \"type\": \"integer\"}], \"train\": [{\"name\": \"image\", \"type\": \"tensor\"},"
                + " {\"name\": \"label\", \"type\": \"integer\"}]}"));
    }

    @Test
    void rejectsAnUnknownFormatOptionNamingIt() {
        assertThatThrownBy(() -> DatasetAnalysis.analyze(points(), json("{\"colTypes\": {}}"), null))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("format.colTypes: unknown field (expected one of: columnTypes, format, headerless, labelColumn, skipBadRows)");
    }

    @Test
    void rejectsAnUnknownColumnType() {
        assertThatThrownBy(() -> DatasetAnalysis.analyze(points(), json("{\"columnTypes\": {\"x\": \"int\"}}"), null))
                .hasMessage("column type: int (expected one of: integer, float, boolean, string, tensor)");
    }

    @Test
    void rejectsASplitSpecWhoseRatiosDoNotSumToOne() {
        assertThatThrownBy(() -> DatasetAnalysis.analyze(points(), null,
                json("{\"kind\": \"random\", \"seed\": 1, \"ratios\": {\"train\": 0.5, \"test\": 0.4}}")))
                .hasMessage("ratios: sum 0.9 (expected: ratios summing to 1)");
    }

    @Test
    void streamsTheSameRowsFromWhatWasStoredAsJsonText() throws IOException {
        DatasetFiles files = points();
        DatasetAnalysis analysis = DatasetAnalysis.analyze(files, json("{\"labelColumn\": \"label\"}"),
                json("{\"kind\": \"random\", \"seed\": 3, \"ratios\": {\"train\": 0.75, \"test\": 0.25}}"));
        DatasetAnalysis stored = DatasetAnalysis.fromStored(
                json(mapper.writeValueAsString(analysis.formatJson())),
                json(mapper.writeValueAsString(analysis.statisticsJson())),
                json(mapper.writeValueAsString(analysis.splitsJson())));

        assertThat(stored).isEqualTo(analysis);
        assertThat(encodedRows(stored, files, "test")).hasSize(5).isEqualTo(encodedRows(analysis, files, "test"));
    }

    private static List<String> encodedRows(DatasetAnalysis analysis, DatasetFiles files, String split) {
        List<String> rows = new ArrayList<>();
        try (SplitReader reader = analysis.openSplit(files, split, 2)) {
            while (reader.hasNext()) {
                RecordBatch batch = reader.next();
                batch.rows().forEach(row -> rows.add(RecordJson.toJson(row).toString()));
            }
        }
        return rows;
    }
}
