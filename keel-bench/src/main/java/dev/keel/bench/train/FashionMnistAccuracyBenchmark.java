package dev.keel.bench.train;

import dev.keel.data.split.DatasetAnalysis;
import dev.keel.train.data.FolderFiles;
import dev.keel.train.data.SplitTrainingData;
import dev.keel.train.loop.EpochMetrics;
import dev.keel.train.loop.Trainer;
import dev.keel.train.loop.TrainingListener;
import dev.keel.train.loop.TrainingRequest;
import dev.keel.train.loop.TrainingResult;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.TrainingSpec;
import dev.keel.train.spec.TrainingSpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Test accuracy on the genuine Fashion-MNIST files (Debian's {@code dataset-fashion-mnist}) read through
 * keel-data's IDX reader and own train/test split, training the example specs: targets CNN >= 0.88 and
 * MLP >= 0.85 within 5 epochs.
 *
 * <pre>scripts/bench train.FashionMnistAccuracyBenchmark [cnn|mlp|both] [folder=/usr/share/datasets/fashion-mnist]</pre>
 */
public final class FashionMnistAccuracyBenchmark {
    private static final Map<String, Double> TARGETS = Map.of("cnn", 0.88, "mlp", 0.85);

    private FashionMnistAccuracyBenchmark() {}

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        Path folder = Path.of(args.length > 1 ? args[1] : "/usr/share/datasets/fashion-mnist");
        ArchitectureRegistry architectures = ArchitectureRegistry.load();
        FolderFiles files = new FolderFiles(folder);
        DatasetAnalysis analysis = DatasetAnalysis.analyze(files, null, null); // own split: train, test
        SplitTrainingData data = new SplitTrainingData(files, analysis);
        boolean allMet = true;
        for (String model : which.equals("both") ? List.of("mlp", "cnn") : List.of(which)) {
            TrainingSpec spec = new TrainingSpecParser(architectures).parse(Path.of("examples/fashion-mnist-" + model + ".yaml"));
            long started = System.nanoTime();
            TrainingResult result = new Trainer(architectures).run(TrainingRequest.of(spec, data,
                    Files.createTempDirectory("keel-fashion-" + model), new TrainingListener() {
                        @Override
                        public void onEpoch(EpochMetrics epoch) {
                            System.out.printf("%s epoch %d: train_loss %.4f val_accuracy %.4f (%.0f s)%n", model,
                                    epoch.epoch(), epoch.metrics().get("train_loss"), epoch.metrics().get("val_accuracy"),
                                    (System.nanoTime() - started) / 1e9);
                        }
                    }));
            double accuracy = result.testMetrics().get("test_accuracy");
            boolean met = accuracy >= TARGETS.get(model);
            allMet &= met;
            System.out.printf("%s: test accuracy %.4f, macro F1 %.4f after %d epochs (target >= %.2f: %s), %.0f s%n", model,
                    accuracy, result.testMetrics().get("test_f1"), result.epochs(), TARGETS.get(model),
                    met ? "met" : "NOT met", (System.nanoTime() - started) / 1e9);
        }
        System.exit(allMet ? 0 : 1);
    }
}
