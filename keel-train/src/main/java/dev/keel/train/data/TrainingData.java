package dev.keel.train.data;

/**
 * Where a trainer reads its data: one dataset version, split by split. Implementations: {@link SplitTrainingData}
 * (files of a version read in process with keel-data's split reader), {@link InMemoryTrainingData} (rows in
 * hand, for tests); a worker may add one over the HTTP records endpoint. Every {@link #open} of a split must
 * return the same records in the same order: the trainer's determinism and resume rest on it.
 */
public interface TrainingData {
    /** Streams split {@code split} in batches of at most {@code batchSize} rows. {@code NOT_FOUND} for an unknown split. */
    RecordStream open(String split, int batchSize);

    /** Rows in split {@code split} (the learning-rate schedule needs the number of steps before the first). */
    long rows(String split);
}
