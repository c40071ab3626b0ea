package dev.keel.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.keel.data.record.Row;
import dev.keel.train.data.BatchPrefetcher;
import dev.keel.train.data.EncodedBatch;
import dev.keel.train.data.ExampleEncoder;
import dev.keel.train.data.RecordStream;
import dev.keel.train.data.TrainingData;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/** Loss and confusion matrix of a model over a whole split, streamed in table order, no gradients. */
final class Evaluator {
    private final TrainingData data;
    private final ExampleEncoder encoder;
    private final int classes;
    private final ThreadFactory threads;

    Evaluator(TrainingData data, ExampleEncoder encoder, int classes, ThreadFactory threads) {
        this.data = data;
        this.encoder = encoder;
        this.classes = classes;
        this.threads = threads;
    }

    record Evaluation(double loss, ConfusionMatrix confusion) {
        Map<String, Double> metrics(String prefix) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put(prefix + "loss", loss);
            metrics.put(prefix + "accuracy", confusion.accuracy());
            metrics.put(prefix + "precision", confusion.macroPrecision());
            metrics.put(prefix + "recall", confusion.macroRecall());
            metrics.put(prefix + "f1", confusion.macroF1());
            return metrics;
        }
    }

    Evaluation evaluate(String split, Block block, ParameterStore parameters, NDManager manager, int batchSize) {
        ConfusionMatrix confusion = new ConfusionMatrix(classes);
        double lossSum = 0;
        long count = 0;
        BatchArrays.Staging staging = new BatchArrays.Staging();
        RecordStream stream = data.open(split, 512);
        try (BatchPrefetcher batches = new BatchPrefetcher(rows(stream), stream, encoder, batchSize, 4, threads)) {
            while (batches.hasNext()) {
                EncodedBatch batch = batches.next();
                try (NDScope scope = new NDScope(); NDManager batchManager = manager.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    NDArray logits = block.forward(parameters, new NDList(staging.inputs(batch, batchManager)), false)
                            .singletonOrThrow();
                    NDArray labels = BatchArrays.labels(batch, batchManager, false, classes);
                    lossSum += CrossEntropy.ofIndices(logits, labels).getFloat() * batch.size();
                    long[] predicted = logits.argMax(1).toLongArray();
                    for (int i = 0; i < predicted.length; i++) {
                        confusion.add(batch.labels()[i], (int) predicted[i]);
                    }
                    count += batch.size();
                }
            }
        }
        return new Evaluation(count == 0 ? Double.NaN : lossSum / count, confusion);
    }

    static Iterator<Row> rows(RecordStream stream) {
        return new Iterator<>() {
            private Iterator<Row> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && stream.hasNext()) {
                    current = stream.next().rows().iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                hasNext();
                return current.next();
            }
        };
    }
}
