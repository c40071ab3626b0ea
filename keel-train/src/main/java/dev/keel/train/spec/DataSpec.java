package dev.keel.train.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What to train on: the dataset version, the names of its train/validation/test splits (validation and test
 * may be {@code null}: then no per-epoch evaluation, or no final test), the input fields (one tensor, one text
 * field, or several numeric columns read as a vector) and the label field.
 */
public record DataSpec(DatasetReference dataset, String trainSplit, String validationSplit, String testSplit,
                       List<String> inputs, String label, int shuffleBuffer) {
    public DataSpec {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(trainSplit, "trainSplit is null");
        inputs = List.copyOf(inputs);
        requireNonNull(label, "label is null");
    }
}
