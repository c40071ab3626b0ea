package dev.keel.train.loop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.keel.train.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every built-in architecture builds from its spec, maps a batch to one logit per class, and trains. */
class ArchitecturesTest {
    @TempDir
    Path dir;

    private final Trainer trainer = new Trainer(Specs.ARCHITECTURES);

    private static Shape outputShape(TrainingSpec spec, long[] example, int vocabulary, int batch) {
        try (NDManager manager = EngineSetup.pytorch(1).newBaseManager()) {
            Block block = new ModelFactory(Specs.ARCHITECTURES).build(spec.model(), "input", example,
                    spec.preprocessing().labels().classCount(), vocabulary, manager);
            Shape shape = new Shape(batch).addAll(new Shape(example));
            NDArray input = vocabulary > 0 ? manager.ones(shape, ai.djl.ndarray.types.DataType.INT64) : manager.ones(shape);
            return block.forward(new ParameterStore(manager, false), new NDList(input), false).singletonOrThrow().getShape();
        }
    }

    private List<StepProgress> trainOneEpoch(TrainingSpec spec, dev.keel.train.data.TrainingData data) {
        List<StepProgress> steps = new ArrayList<>();
        trainer.run(TrainingRequest.of(spec, data, dir, new TrainingListener() {
            @Override
            public void onStep(StepProgress step) {
                steps.add(step);
            }
        }));
        return steps;
    }

    @Test
    void mlpMapsABatchToOneLogitPerClassAndTrains() {
        TrainingSpec spec = Specs.images("  architecture: mlp\n  layers: [{units: 32, activation: tanh}, {units: 16}]",
                "  epochs: 1\n  batchSize: 40");

        assertThat(outputShape(spec, new long[] {1, 8, 8}, 0, 5)).isEqualTo(new Shape(5, 3));
        assertThat(trainOneEpoch(spec, SyntheticData.images(8, 3))).hasSize(3).allSatisfy(step ->
                assertThat(step.loss()).isPositive());
    }

    @Test
    void cnnMapsABatchToOneLogitPerClassAndTrains() {
        TrainingSpec spec = Specs.images("""
                  architecture: cnn
                  conv: [{channels: 4, kernel: 3, padding: 1}, {channels: 8, kernel: 3}]
                  pool: {kind: avg, size: 2}
                  dense: [{units: 16}]""", "  epochs: 1\n  batchSize: 40");

        assertThat(outputShape(spec, new long[] {1, 8, 8}, 0, 5)).isEqualTo(new Shape(5, 3));
        assertThat(trainOneEpoch(spec, SyntheticData.images(8, 3))).hasSize(3);
    }

    @Test
    void resnetMapsABatchToOneLogitPerClassAndTrains() {
        TrainingSpec spec = Specs.images("""
                  architecture: resnet
                  stemChannels: 4
                  stages: [{channels: 4, blocks: 1}, {channels: 8, blocks: 1}]""", "  epochs: 1\n  batchSize: 40");

        assertThat(outputShape(spec, new long[] {1, 8, 8}, 0, 5)).isEqualTo(new Shape(5, 3));
        assertThat(trainOneEpoch(spec, SyntheticData.images(8, 3))).hasSize(3);
    }

    @Test
    void textModelsWithMeanAndConvEncodersMapTokenIdsToOneLogitPerClassAndTrain() {
        for (String encoder : List.of("mean", "conv")) {
            TrainingSpec spec = Specs.parse("""
                    data: {dataset: "reviews@1", splits: {validation: validation}, input: text, label: sentiment}
                    preprocessing:
                      labels: {mapping: one-hot, classes: [neg, pos]}
                      text: {vocabularySize: 50, maxLength: 12}
                    model: {architecture: text, embeddingDim: 8, encoder: %s, convChannels: 8, kernel: 3}
                    training: {epochs: 3, batchSize: 16, optimizer: {kind: adam, learningRate: 0.05}}
                    """.formatted(encoder));

            assertThat(outputShape(spec, new long[] {12}, 52, 5)).isEqualTo(new Shape(5, 2));
            List<EpochMetrics> epochs = new ArrayList<>();
            trainer.run(TrainingRequest.of(spec, SyntheticData.texts(), dir, new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics epoch) {
                    epochs.add(epoch);
                }
            }));
            assertThat(epochs.getLast().metrics().get("val_accuracy")).as(encoder).isGreaterThan(0.9);
        }
    }
}
