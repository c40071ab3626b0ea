/**
 * The trainer's data pipeline: the {@link dev.keel.train.data.TrainingData} seam (a split as a stream of
 * record batches), bounded shuffling, encoding of rows into model inputs (normalisation, vocabulary, labels) and
 * a prefetching thread with a bounded queue; the dataset is never held in memory.
 */
package dev.keel.train.data;
