package dev.keel.data.split;

import static dev.keel.data.format.Fixtures.idxImages;
import static dev.keel.data.format.Fixtures.idxLabels;
import static dev.keel.data.format.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.format.FolderDatasetFiles;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.stats.DatasetProfile;
import dev.keel.data.stats.DatasetProfiler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitPlannerTest {
    @TempDir
    Path dir;

    private DatasetProfile profile() {
        return DatasetProfiler.profile(new FolderDatasetFiles(dir), FormatOptions.defaults());
    }

    private static Map<String, Double> trainValidationTest() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("train", 0.8);
        ratios.put("validation", 0.1);
        ratios.put("test", 0.1);
        return ratios;
    }

    @Test
    void findsTheOwnSplitOfMnistStyleTrainAndT10kFiles() {
        write(dir, "train-images-idx3-ubyte", idxImages(5, 2, 2));
        write(dir, "train-labels-idx1-ubyte", idxLabels(0, 1, 2, 3, 4));
        write(dir, "t10k-images-idx3-ubyte", idxImages(2, 2, 2));
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(0, 1));

        SplitPlan plan = SplitPlanner.ownSplit(profile()).orElseThrow();

        assertThat(plan.parts()).containsExactly(new SplitPart("train", "train", 5), new SplitPart("test", "test", 2));
    }

    @Test
    void findsTheOwnSplitOfCsvFilesByTheirLastPathSegment() {
        write(dir, "data/train.csv", "a\n1\n2\n");
        write(dir, "data/val.csv", "a\n3\n");

        SplitPlan plan = SplitPlanner.plan(SplitSpec.own(), profile());

        assertThat(plan.parts()).containsExactly(new SplitPart("train", "data/train", 2),
                new SplitPart("validation", "data/val", 1));
    }

    @Test
    void rejectsOwnSplitOfADatasetWithoutOne() {
        write(dir, "iris.csv", "a\n1\n");

        assertThat(SplitPlanner.ownSplit(profile())).isEmpty();
        assertThatThrownBy(() -> SplitPlanner.plan(SplitSpec.own(), profile()))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("split kind: own (expected: tables named train, validation or test; tables: [iris])");
    }

    @Test
    void plansExactCountsOfARandomSplitOfTheOnlyTable() {
        StringBuilder csv = new StringBuilder("a\n");
        for (int i = 0; i < 1001; i++) {
            csv.append(i).append('\n');
        }
        write(dir, "iris.csv", csv.toString());

        SplitPlan plan = SplitPlanner.plan(SplitSpec.random(null, 42, trainValidationTest()), profile());

        assertThat(plan.parts()).containsExactly(new SplitPart("train", "iris", 801),
                new SplitPart("validation", "iris", 100), new SplitPart("test", "iris", 100));
    }

    @Test
    void carvesValidationFromTheOwnTrainTableAndKeepsTheOwnTestWhole() {
        write(dir, "train-images-idx3-ubyte", idxImages(10, 1, 1));
        write(dir, "train-labels-idx1-ubyte", idxLabels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        write(dir, "t10k-images-idx3-ubyte", idxImages(3, 1, 1));
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(0, 1, 2));
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("train", 0.8);
        ratios.put("validation", 0.2);

        SplitPlan plan = SplitPlanner.plan(SplitSpec.random("train", 5, ratios).withOwnSplits(), profile());

        assertThat(plan.parts()).containsExactly(new SplitPart("train", "train", 8),
                new SplitPart("validation", "train", 2), new SplitPart("test", "test", 3));
    }

    @Test
    void rejectsKeepingOwnSplitsOfARandomSplitOverAnotherTable() {
        write(dir, "iris.csv", "a\n1\n");
        Map<String, Double> ratios = Map.of("train", 1.0);

        assertThatThrownBy(() -> SplitPlanner.plan(SplitSpec.random("iris", 5, ratios).withOwnSplits(), profile()))
                .hasMessage("includeOwnSplits: true (expected: a random split of one of the dataset's own split tables [],"
                        + " not iris)");
    }

    @Test
    void requiresTheTableOfARandomSplitWhenThereAreSeveral() {
        write(dir, "a.csv", "x\n1\n");
        write(dir, "b.csv", "x\n1\n");

        assertThatThrownBy(() -> SplitPlanner.plan(SplitSpec.random(null, 1, trainValidationTest()), profile()))
                .hasMessage("table: null (expected one of: [a, b], as the dataset has 2 tables)");
        assertThatThrownBy(() -> SplitPlanner.plan(SplitSpec.random("c", 1, trainValidationTest()), profile()))
                .hasMessage("table: c (expected one of: [a, b])");
    }

    @Test
    void unknownSplitOfAPlanIsNotFound() {
        SplitPlan plan = new SplitPlan(SplitSpec.own(), List.of(new SplitPart("train", "train", 1)));

        assertThatThrownBy(() -> plan.part("test"))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
