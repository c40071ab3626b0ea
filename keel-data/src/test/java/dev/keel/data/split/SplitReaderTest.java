package dev.keel.data.split;

import static dev.keel.data.format.Fixtures.idxImages;
import static dev.keel.data.format.Fixtures.idxLabels;
import static dev.keel.data.format.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.data.DatasetFiles;
import dev.keel.data.format.FolderDatasetFiles;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.record.RecordBatch;
import dev.keel.data.record.Row;
import dev.keel.data.stats.DatasetProfile;
import dev.keel.data.stats.DatasetProfiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitReaderTest {
    private static final int ROWS = 103;

    @TempDir
    Path dir;

    private DatasetFiles files;
    private DatasetProfile profile;
    private SplitPlan plan;

    @BeforeEach
    void writeDataset() {
        StringBuilder csv = new StringBuilder("id,label\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i * 10).append(',').append(i % 3).append('\n');
        }
        write(dir, "points.csv", csv.toString());
        files = new FolderDatasetFiles(dir);
        profile = DatasetProfiler.profile(files, FormatOptions.defaults());
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("train", 0.8);
        ratios.put("validation", 0.1);
        ratios.put("test", 0.1);
        plan = SplitPlanner.plan(SplitSpec.random("points", 7, ratios), profile);
    }

    private List<RecordBatch> readAll(String split, int batchSize) {
        List<RecordBatch> batches = new ArrayList<>();
        try (SplitReader reader = SplitReader.open(files, FormatOptions.defaults(), profile, plan, split, batchSize)) {
            reader.forEachRemaining(batches::add);
        }
        return batches;
    }

    private static List<Long> indexes(List<RecordBatch> batches) {
        return batches.stream().flatMap(batch -> batch.rows().stream()).map(Row::index).toList();
    }

    @Test
    void batchesHoldAtMostBatchSizeRowsAndCoverTheSplitsCount() {
        List<RecordBatch> batches = readAll("train", 32);

        assertThat(batches).extracting(RecordBatch::size).containsExactly(32, 32, 19);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.split()).isEqualTo("train"));
        assertThat(indexes(batches)).hasSize((int) plan.part("train").rows()).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void splitsAreDisjointAndTogetherCoverEveryRowExactlyOnce() {
        List<Long> train = indexes(readAll("train", 10));
        List<Long> validation = indexes(readAll("validation", 10));
        List<Long> test = indexes(readAll("test", 10));

        assertThat(List.of(train.size(), validation.size(), test.size())).containsExactly(83, 10, 10);
        Set<Long> all = new HashSet<>(train);
        all.addAll(validation);
        all.addAll(test);
        assertThat(all).hasSize(ROWS);
    }

    @Test
    void rowsCarryTheirTypedValues() {
        Row first = readAll("test", 100).getFirst().rows().getFirst();

        assertThat(first.get("id")).isEqualTo(first.index() * 10);
        assertThat(first.get("label")).isEqualTo(first.index() % 3);
    }

    @Test
    void readingTwiceGivesTheSameRows() {
        assertThat(indexes(readAll("validation", 7))).isEqualTo(indexes(readAll("validation", 3)));
    }

    @Test
    void readsAnOwnSplitTableInFull() {
        write(dir, "train-images-idx3-ubyte", idxImages(5, 2, 2));
        write(dir, "train-labels-idx1-ubyte", idxLabels(0, 1, 2, 3, 4));
        write(dir, "t10k-images-idx3-ubyte", idxImages(2, 2, 2));
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(5, 6));
        DatasetFiles mnist = new FolderDatasetFiles(dir);
        DatasetProfile mnistProfile = DatasetProfiler.profile(mnist, FormatOptions.defaults());
        SplitPlan own = SplitPlanner.plan(SplitSpec.own(), mnistProfile);

        List<RecordBatch> batches = new ArrayList<>();
        try (SplitReader reader = SplitReader.open(mnist, FormatOptions.defaults(), mnistProfile, own, "test", 4)) {
            reader.forEachRemaining(batches::add);
        }

        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst().table()).isEqualTo("test");
        assertThat(batches.getFirst().rows()).extracting(row -> row.get("label")).containsExactly(5L, 6L);
    }

    @Test
    void readsTheKeptOwnSplitWholeAndTheCarvedSplitsByAssignment() {
        write(dir, "train-images-idx3-ubyte", idxImages(10, 1, 1));
        write(dir, "train-labels-idx1-ubyte", idxLabels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        write(dir, "t10k-images-idx3-ubyte", idxImages(3, 1, 1));
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(0, 1, 2));
        DatasetFiles mnist = new FolderDatasetFiles(dir);
        DatasetProfile mnistProfile = DatasetProfiler.profile(mnist, FormatOptions.defaults());
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("train", 0.8);
        ratios.put("validation", 0.2);
        SplitPlan hybrid = SplitPlanner.plan(SplitSpec.random("train", 5, ratios).withOwnSplits(), mnistProfile);

        Map<String, List<Object>> labels = new LinkedHashMap<>();
        for (String split : List.of("train", "validation", "test")) {
            try (SplitReader reader = SplitReader.open(mnist, FormatOptions.defaults(), mnistProfile, hybrid, split, 100)) {
                labels.put(split, new ArrayList<>());
                reader.forEachRemaining(batch -> batch.rows().forEach(row -> labels.get(split).add(row.get("label"))));
            }
        }

        assertThat(labels.get("train")).hasSize(8);
        assertThat(labels.get("validation")).hasSize(2).doesNotContainAnyElementsOf(labels.get("train"));
        assertThat(labels.get("test")).containsExactly(0L, 1L, 2L);
    }

    @Test
    void opensWithoutAStoredProfileByProfilingFirst() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("train", 0.8);
        ratios.put("validation", 0.1);
        ratios.put("test", 0.1);
        List<Long> direct = new ArrayList<>();
        try (SplitReader reader = SplitReader.open(files, FormatOptions.defaults(), SplitSpec.random("points", 7, ratios),
                "validation", 50)) {
            reader.forEachRemaining(batch -> batch.rows().forEach(row -> direct.add(row.index())));
        }

        assertThat(direct).isEqualTo(indexes(readAll("validation", 50)));
    }

    @Test
    void rejectsBatchSizeBelowOne() {
        assertThatThrownBy(() -> readAll("train", 0)).hasMessage("batchSize: 0 (expected: >= 1)");
    }

    @Test
    void rejectsASplitThePlanDoesNotHave() {
        assertThatThrownBy(() -> readAll("holdout", 10))
                .hasMessage("split \"holdout\" (splits: [train, validation, test]) not found");
    }
}
