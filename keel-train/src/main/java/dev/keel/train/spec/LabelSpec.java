package dev.keel.train.spec;

import java.util.List;

/**
 * How label values become class indices. {@code classes} names every class in index order: label values equal
 * to a name map to its index; integer labels {@code 0..n-1} map to themselves. {@code mapping}: {@code ordinal}
 * (a class index per row, sparse cross-entropy) or {@code one-hot} (a one-hot vector per row, dense).
 */
public record LabelSpec(String mapping, List<String> classes) {
    public static final String ORDINAL = "ordinal";
    public static final String ONE_HOT = "one-hot";

    public LabelSpec {
        classes = List.copyOf(classes);
    }

    public int classCount() {
        return classes.size();
    }
}
