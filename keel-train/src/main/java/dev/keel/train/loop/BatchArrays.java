package dev.keel.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.keel.train.data.EncodedBatch;

/** Turns an {@link EncodedBatch} into arrays of a (short-lived, per-batch) manager. */
final class BatchArrays {
    private BatchArrays() {}

    static NDArray inputs(EncodedBatch batch, NDManager manager) {
        Shape shape = new Shape(batch.size()).addAll(new Shape(batch.exampleShape()));
        if (batch.tokens() != null) {
            long[] ids = new long[batch.tokens().length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = batch.tokens()[i];
            }
            return manager.create(ids, shape);
        }
        return manager.create(batch.features(), shape);
    }

    /** Class indices {@code (N)} as int64, or one-hot rows {@code (N, classes)} as float32. */
    static NDArray labels(EncodedBatch batch, NDManager manager, boolean oneHot, int classes) {
        if (oneHot) {
            float[] rows = new float[batch.size() * classes];
            for (int i = 0; i < batch.size(); i++) {
                rows[i * classes + batch.labels()[i]] = 1f;
            }
            return manager.create(rows, new Shape(batch.size(), classes));
        }
        long[] labels = new long[batch.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = batch.labels()[i];
        }
        return manager.create(labels);
    }
}
