package dev.keel.train.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.data.split.DatasetAnalysis;
import dev.keel.train.data.FolderFiles;
import dev.keel.train.data.SplitTrainingData;
import dev.keel.train.spec.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training straight from files through keel-data's format readers and split reader. */
class SplitTrainingDataTest {
    @TempDir
    Path dir;

    private SplitTrainingData pointsCsv() throws IOException {
        // Two Gaussian blobs in a CSV: x,y and a string label.
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 300; i++) {
            boolean east = i % 2 == 0;
            csv.append(random.nextGaussian() + (east ? 2 : -2)).append(',').append(random.nextGaussian()).append(',')
                    .append(east ? "east" : "west").append('\n');
        }
        Path data = Files.createDirectories(dir.resolve("points"));
        Files.writeString(data.resolve("points.csv"), csv);
        FolderFiles files = new FolderFiles(data);
        DatasetAnalysis analysis = DatasetAnalysis.analyze(files, null, new ObjectMapper().readTree(
                "{\"kind\": \"random\", \"seed\": 11, \"ratios\": {\"train\": 0.7, \"validation\": 0.15, \"test\": 0.15}}"));
        return new SplitTrainingData(files, analysis);
    }

    private static final TrainingSpec SPEC = Specs.parse("""
            data: {dataset: "points@1", splits: {validation: validation, test: test}, input: [x, y], label: label}
            preprocessing: {labels: {classes: [east, west]}}
            model: {architecture: mlp, layers: [{units: 8}]}
            training: {epochs: 3, batchSize: 32, optimizer: {kind: adam, learningRate: 0.05}}
            """);

    @Test
    void trainsOnARandomSplitOfACsvFileReadThroughTheSplitReader() throws IOException {
        SplitTrainingData data = pointsCsv();

        TrainingResult result = new Trainer(Specs.ARCHITECTURES).run(TrainingRequest.of(SPEC, data, dir.resolve("run"),
                TrainingListener.NONE));

        assertThat(data.rows("train") + data.rows("validation") + data.rows("test")).isEqualTo(300);
        assertThat(result.steps()).isEqualTo(3 * Math.ceilDiv(data.rows("train"), 32));
        assertThat(result.testMetrics().get("test_accuracy")).isGreaterThan(0.9);
        assertThat(result.testConfusion().total()).isEqualTo(data.rows("test"));
    }
}
