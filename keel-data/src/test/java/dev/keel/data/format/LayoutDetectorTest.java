package dev.keel.data.format;

import static dev.keel.data.format.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutDetectorTest {
    @TempDir
    Path dir;

    private DatasetLayout detect(FormatOptions options, String... paths) {
        for (String path : paths) {
            write(dir, path, "x");
        }
        return LayoutDetector.detect(new FolderDatasetFiles(dir), options);
    }

    private DatasetLayout detect(String... paths) {
        return detect(FormatOptions.defaults(), paths);
    }

    @Test
    void pairsFashionMnistFilesIntoTrainAndTestTables() {
        DatasetLayout layout = detect("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");

        assertThat(layout.tables()).containsExactly(
                new TableSource("test", Format.IDX, List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")),
                new TableSource("train", Format.IDX, List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")));
    }

    @Test
    void pairsNpmMnistDataFilesInTheirDataFolder() {
        DatasetLayout layout = detect("package.json", "index.js", "readme.md", "data/t10k-images-idx3-ubyte",
                "data/t10k-labels-idx1-ubyte", "data/train-images-idx3-ubyte", "data/train-labels-idx1-ubyte");

        assertThat(layout.tables()).extracting(TableSource::name).containsExactly("test", "train");
        assertThat(layout.table("train").files())
                .containsExactly("data/train-images-idx3-ubyte", "data/train-labels-idx1-ubyte");
        assertThat(layout.ignoredFiles()).containsExactly("index.js", "package.json", "readme.md");
    }

    @Test
    void acceptsTestAndDottedIdxNames() {
        DatasetLayout layout = detect("test-images.idx3-ubyte", "test-labels.idx1-ubyte");

        assertThat(layout.table("test").files()).containsExactly("test-images.idx3-ubyte", "test-labels.idx1-ubyte");
    }

    @Test
    void namesEachCsvAndJsonlFileAfterItsPathWithoutExtension() {
        DatasetLayout layout = detect("data/iris.csv", "reviews.jsonl", "more.ndjson.gz");

        assertThat(layout.tables()).containsExactly(
                new TableSource("data/iris", Format.CSV, List.of("data/iris.csv")),
                new TableSource("more", Format.JSONL, List.of("more.ndjson.gz")),
                new TableSource("reviews", Format.JSONL, List.of("reviews.jsonl")));
    }

    @Test
    void makesOneTablePerImageFolderRoot() {
        DatasetLayout layout = detect("train/cat/1.png", "train/dog/2.jpg", "test/cat/3.jpeg", "loose.png");

        assertThat(layout.tables()).containsExactly(
                new TableSource("test", Format.IMAGE_FOLDER, List.of("test/cat/3.jpeg")),
                new TableSource("train", Format.IMAGE_FOLDER, List.of("train/cat/1.png", "train/dog/2.jpg")));
        assertThat(layout.ignoredFiles()).containsExactly("loose.png");
    }

    @Test
    void namesClassesAtTheTopAnImagesTable() {
        DatasetLayout layout = detect("cat/1.png", "dog/2.png");

        assertThat(layout.table("images").files()).containsExactly("cat/1.png", "dog/2.png");
    }

    @Test
    void formatOverrideReadsEveryDataFileAsThatFormatButIgnoresDocumentation() {
        DatasetLayout layout = detect(new FormatOptions(Format.CSV, Map.of(), null, false, false),
                "measurements.txt", "README", "LICENSE.txt", "notes.md");

        assertThat(layout.tables()).containsExactly(new TableSource("measurements", Format.CSV, List.of("measurements.txt")));
        assertThat(layout.ignoredFiles()).containsExactly("LICENSE.txt", "README", "notes.md");
    }

    @Test
    void collidingNamesFallBackToFilePaths() {
        DatasetLayout layout = detect("train.csv", "train.jsonl", "a/train-images-idx3-ubyte", "b/train-images-idx3-ubyte");

        assertThat(layout.tables()).extracting(TableSource::name)
                .containsExactly("a/train", "b/train", "train.csv", "train.jsonl");
    }
}
