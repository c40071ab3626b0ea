package dev.keel.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.KeelException;
import dev.keel.train.data.InMemoryTrainingData;
import dev.keel.train.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final InMemoryTrainingData DATA = SyntheticData.images(8, 3);

    @TempDir
    Path dir;

    private final Trainer trainer = new Trainer(Specs.ARCHITECTURES);

    private TrainingResult train(TrainingSpec spec, Path work) {
        return trainer.run(TrainingRequest.of(spec, DATA, work, TrainingListener.NONE));
    }

    @Test
    void learnsTheSyntheticImagesAndReportsEveryEpoch() {
        List<EpochMetrics> epochs = new ArrayList<>();
        List<StepProgress> steps = new ArrayList<>();
        TrainingSpec spec = Specs.mlp("  epochs: 3\n  batchSize: 16\n  optimizer: {kind: adam, learningRate: 0.01}");
        TrainingResult result = trainer.run(TrainingRequest.of(spec, DATA, dir, new TrainingListener() {
            @Override
            public void onStep(StepProgress step) {
                steps.add(step);
            }

            @Override
            public void onEpoch(EpochMetrics epoch) {
                epochs.add(epoch);
            }
        }));

        assertThat(steps).hasSize(3 * 8);
        assertThat(steps.getLast().step()).isEqualTo(24);
        assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        assertThat(epochs.getLast().metrics()).containsKeys("train_loss", "val_loss", "val_accuracy", "val_f1");
        assertThat(epochs.getLast().confusion().total()).isEqualTo(30);
        assertThat(result.testMetrics().get("test_accuracy")).isGreaterThan(0.9);
        assertThat(result.modelBundle()).exists();
    }

    @Test
    void sameSpecDataAndSeedGiveIdenticalMetricsAndWeights() {
        TrainingSpec spec = Specs.images("  architecture: mlp\n  layers: [{units: 16, dropout: 0.2}]",
                "  epochs: 2\n  batchSize: 16");
        TrainingResult first = train(spec, dir.resolve("a"));
        TrainingResult second = train(spec, dir.resolve("b"));

        assertThat(second.weightsHash()).isEqualTo(first.weightsHash());
        assertThat(second.history()).isEqualTo(first.history());
        assertThat(second.testMetrics()).isEqualTo(first.testMetrics());
    }

    @Test
    void aDifferentSeedGivesDifferentWeights() {
        TrainingResult first = train(Specs.mlp("  epochs: 1"), dir.resolve("a"));
        TrainingResult second = train(Specs.mlp("  epochs: 1\n  seed: 8"), dir.resolve("b"));

        assertThat(second.weightsHash()).isNotEqualTo(first.weightsHash());
    }

    @Test
    void resumingFromACheckpointEndsExactlyWhereAnUninterruptedRunDoes() {
        TrainingSpec spec = Specs.images("  architecture: mlp\n  layers: [{units: 16, dropout: 0.1}]",
                "  epochs: 2\n  batchSize: 16\n  optimizer: {kind: adam}\n  schedule: {kind: cosine, warmupSteps: 3}");
        TrainingResult straight = train(spec, dir.resolve("straight"));

        Path work = dir.resolve("interrupted");
        TrainingRequest request = TrainingRequest.of(spec, DATA, work, new TrainingListener() {
            @Override
            public void onCheckpoint(Path path, long step, int epoch) {
                throw new IllegalStateException("simulated crash after the first checkpoint");
            }
        });
        assertThatThrownBy(() -> trainer.run(request)).hasMessageContaining("simulated crash");
        TrainingResult resumed = trainer.run(request.withListener(TrainingListener.NONE)
                .resumingFrom(work.resolve(CheckpointFile.NAME)));

        assertThat(resumed.weightsHash()).isEqualTo(straight.weightsHash());
        assertThat(resumed.history()).isEqualTo(straight.history());
        assertThat(resumed.testMetrics()).isEqualTo(straight.testMetrics());
    }

    @Test
    void resumingFromAMidEpochCheckpointEndsExactlyWhereAnUninterruptedRunDoes() {
        TrainingSpec spec = Specs.images("  architecture: mlp\n  layers: [{units: 16}]",
                "  epochs: 2\n  batchSize: 16\n  optimizer: {kind: sgd, momentum: 0.9}\n  checkpoint: {everyEpochs: 0, everySteps: 5}"
                        + "\n  schedule: {kind: cosine, warmupSteps: 3}");
        TrainingResult straight = train(spec, dir.resolve("straight"));

        Path work = dir.resolve("interrupted");
        TrainingRequest request = TrainingRequest.of(spec, DATA, work, new TrainingListener() {
            @Override
            public void onCheckpoint(Path path, long step, int epoch) {
                if (step == 10) {
                    throw new IllegalStateException("simulated crash at step 10");
                }
            }
        });
        assertThatThrownBy(() -> trainer.run(request)).hasMessageContaining("simulated crash");
        TrainingResult resumed = trainer.run(request.withListener(TrainingListener.NONE)
                .resumingFrom(work.resolve(CheckpointFile.NAME)));

        assertThat(resumed.weightsHash()).isEqualTo(straight.weightsHash());
        assertThat(resumed.history()).isEqualTo(straight.history());
    }

    @Test
    void anUpdateThatBreaksTheWeightsOnTheLastStepFailsTheRunInsteadOfSavingABrokenModel() {
        // One step (120 rows, batch 120) with a learning rate beyond float range: the step's loss is finite (taken
        // before the update), and no later step's loss would show that the update left infinite or NaN weights.
        TrainingSpec spec = Specs.mlp("  epochs: 1\n  batchSize: 120\n  optimizer: {kind: sgd, learningRate: 1.0e39}");

        assertThatThrownBy(() -> train(spec, dir))
                .isInstanceOf(KeelException.class)
                .hasMessageMatching("loss diverged at step 1: parameter \\S+ holds NaN or infinite values .*");
        assertThat(dir.resolve(ModelBundle.FILE_NAME)).doesNotExist();
    }

    @Test
    void aHugeLearningRateFailsTheRunWithTheStepWhereTheLossDiverged() {
        TrainingSpec spec = Specs.mlp("  epochs: 3\n  optimizer: {kind: sgd, learningRate: 1.0e8, momentum: 0.9}");

        assertThatThrownBy(() -> train(spec, dir))
                .isInstanceOf(KeelException.class)
                .hasMessageMatching("loss diverged at step \\d+: .*");
    }

    @Test
    void aCheckpointThatCannotBeWrittenFailsTheRunAndLeavesThePreviousOneIntact() throws Exception {
        TrainingSpec spec = Specs.mlp("  epochs: 3\n  batchSize: 16");
        int[] opened = {0};
        CheckpointFile.Sink fullDisk = path -> {
            opened[0]++;
            if (opened[0] == 1) {
                return CheckpointFile.Sink.FILES.open(path);
            }
            return new java.io.FilterOutputStream(CheckpointFile.Sink.FILES.open(path)) {
                private int written;

                @Override
                public void write(int b) throws java.io.IOException {
                    if (++written > 100) {
                        throw new java.io.IOException("No space left on device");
                    }
                    super.write(b);
                }
            };
        };
        Path checkpoint = dir.resolve(CheckpointFile.NAME);
        byte[][] firstCheckpoint = {null};
        TrainingRequest request = TrainingRequest.of(spec, DATA, dir, new TrainingListener() {
            @Override
            public void onCheckpoint(Path path, long step, int epoch) {
                try {
                    firstCheckpoint[0] = java.nio.file.Files.readAllBytes(path);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }).withCheckpointSink(fullDisk);

        assertThatThrownBy(() -> trainer.run(request))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("writing checkpoint at step 16")
                .hasMessageContaining("No space left on device");
        assertThat(java.nio.file.Files.readAllBytes(checkpoint)).isEqualTo(firstCheckpoint[0]);
        assertThat(dir.resolve(CheckpointFile.NAME + ".tmp")).doesNotExist();
        assertThat(CheckpointFile.read(checkpoint).state().step()).isEqualTo(8);
    }

    @Test
    void earlyStoppingEndsTheRunWhenTheMetricStopsImproving() {
        // A learning rate of ~0 freezes the model, so the validation loss never improves after the first epoch.
        TrainingSpec spec = Specs.mlp("  epochs: 10\n  optimizer: {kind: sgd, learningRate: 1.0e-12, momentum: 0}"
                + "\n  earlyStopping: {metric: val_loss, patience: 2, minDelta: 0.001}");

        TrainingResult result = train(spec, dir);

        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.epochs()).isEqualTo(3);
        assertThat(result.history()).hasSize(3);
    }

    @Test
    void aShapeMismatchFailsBeforeTheFirstStepNamingBothShapes() {
        TrainingSpec spec = Specs.images("  architecture: cnn\n  inputChannels: 3", "  epochs: 1");
        List<StepProgress> steps = new ArrayList<>();

        assertThatThrownBy(() -> trainer.run(TrainingRequest.of(spec, DATA, dir, new TrainingListener() {
            @Override
            public void onStep(StepProgress step) {
                steps.add(step);
            }
        })))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("(1, 8, 8)")
                .hasMessageContaining("expects (3, H >= ");
        assertThat(steps).isEmpty();
    }

    @Test
    void gradientClippingKeepsAHugeLearningRateFromDiverging() {
        // Each update is at most learningRate * clip = 1e8 * 1e-10 = 0.01 in norm: slow, but never diverging.
        TrainingSpec spec = Specs.mlp("  epochs: 1\n  gradientClipping: 1.0e-10\n"
                + "  optimizer: {kind: sgd, learningRate: 1.0e8, momentum: 0}");

        TrainingResult result = train(spec, dir);

        assertThat(result.finalMetrics().get("train_loss")).isFinite().isLessThan(2.0);
    }

    @Test
    void aBadRowMidEpochFailsTheRunNamingTheRowAndField() {
        List<dev.keel.data.record.Row> rows = new ArrayList<>(SyntheticData.imageRows(60, 8, 3, 1));
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>(rows.get(50).values());
        values.put("label", 7L);
        rows.set(50, new dev.keel.data.record.Row(50, values));
        InMemoryTrainingData data = new InMemoryTrainingData(java.util.Map.of("train", rows));
        TrainingSpec spec = Specs.images("  architecture: mlp", "  epochs: 1");
        TrainingSpec trainOnly = Specs.parse(dev.keel.train.spec.SpecJson.toJson(spec).toString()
                .replace(",\"validation\":\"validation\",\"test\":\"test\"", ""));

        assertThatThrownBy(() -> trainer.run(TrainingRequest.of(trainOnly, data, dir, TrainingListener.NONE)))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.getMessage()).startsWith("row 50: label: 7 (expected: a class index 0..2");
                    assertThat(e.code()).isEqualTo(dev.keel.core.error.ErrorCode.MALFORMED_DATA);
                });
    }
}
