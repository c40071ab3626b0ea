package dev.keel.data.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.keel.data.format.FolderDatasetFiles;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.split.SplitPart;
import dev.keel.data.split.SplitPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The genuine Fashion-MNIST files from Debian's {@code dataset-fashion-mnist}, when installed: everything else
 * uses small fixtures, this proves the readers on the real thing (gzip IDX, 70 000 images).
 */
@EnabledIf("filesInstalled")
class GenuineFashionMnistTest {
    private static final Path FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    static boolean filesInstalled() {
        return Files.isRegularFile(FOLDER.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(FOLDER.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void profilesSixtyThousandTrainAndTenThousandTestImagesInTenBalancedClasses() {
        DatasetProfile profile = DatasetProfiler.profile(new FolderDatasetFiles(FOLDER), FormatOptions.defaults());

        TableStatistics train = profile.table("train");
        TableStatistics test = profile.table("test");
        assertThat(train.rowCount()).isEqualTo(60_000);
        assertThat(test.rowCount()).isEqualTo(10_000);
        Map<String, Long> sixThousandEach = IntStream.range(0, 10).boxed()
                .collect(Collectors.toMap(String::valueOf, label -> 6_000L));
        assertThat(train.labelCounts()).isEqualTo(sixThousandEach);
        assertThat(test.labelCounts().values()).containsOnly(1_000L).hasSize(10);
        ColumnStatistics image = train.columns().getFirst();
        assertThat(image.shape()).containsExactly(28, 28);
        // Fashion-MNIST's published normalisation constants: mean 0.2860, std 0.3530 of 255.
        assertThat(image.mean() / 255).isCloseTo(0.2860, within(0.0005));
        assertThat(image.std() / 255).isCloseTo(0.3530, within(0.0005));
        assertThat(SplitPlanner.ownSplit(profile).orElseThrow().parts())
                .containsExactly(new SplitPart("train", "train", 60_000), new SplitPart("test", "test", 10_000));
    }
}
