package dev.keel.data.stats;

import dev.keel.data.record.Column;
import dev.keel.data.record.ColumnType;
import dev.keel.data.record.DType;
import dev.keel.data.record.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Running statistics of one column in constant memory (plus up to {@link ColumnStatistics#DISTINCT_LIMIT}
 * strings). Mean and variance use Welford's update per value and Chan's merge per tensor, which stay accurate
 * over millions of pixels where a running sum of squares would not.
 */
final class ColumnAccumulator {
    private final Column column;
    private long missing;
    private long count;
    private double mean;
    private double squaredDeviations;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private Set<String> distinct = new HashSet<>();
    private long trueCount;
    private DType dtype;
    private int[] shape;
    private boolean shapesDiffer;

    ColumnAccumulator(Column column) {
        this.column = column;
    }

    void add(Object value) {
        switch (value) {
            case null -> missing++;
            case Long number -> addNumber(number);
            case Double number -> addNumber(number);
            case Boolean bool -> trueCount += bool ? 1 : 0;
            case String text -> addString(text);
            case Tensor tensor -> addTensor(tensor);
            default -> throw new IllegalArgumentException("value: " + value.getClass().getName()
                    + " (expected: a value of a column type)");
        }
    }

    private void addNumber(double value) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        squaredDeviations += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    private void addString(String text) {
        if (distinct != null) {
            distinct.add(text);
            if (distinct.size() > ColumnStatistics.DISTINCT_LIMIT) {
                distinct = null;
            }
        }
    }

    private void addTensor(Tensor tensor) {
        int[] tensorShape = tensor.shape();
        if (dtype == null) {
            dtype = tensor.dtype();
            shape = tensorShape;
        } else if (!Arrays.equals(shape, tensorShape)) {
            shapesDiffer = true;
        }
        int elements = tensor.elementCount();
        if (elements == 0) {
            return;
        }
        double sum = 0;
        for (int i = 0; i < elements; i++) {
            double element = tensor.getDouble(i);
            sum += element;
            min = Math.min(min, element);
            max = Math.max(max, element);
        }
        double tensorMean = sum / elements;
        double tensorSquares = 0;
        for (int i = 0; i < elements; i++) {
            double deviation = tensor.getDouble(i) - tensorMean;
            tensorSquares += deviation * deviation;
        }
        long total = count + elements;
        double delta = tensorMean - mean;
        mean += delta * elements / total;
        squaredDeviations += tensorSquares + delta * delta * ((double) count * elements / total);
        count = total;
    }

    ColumnStatistics result() {
        boolean measured = count > 0;
        ColumnType type = column.type();
        boolean numeric = type.isNumeric() || type == ColumnType.TENSOR;
        return new ColumnStatistics(column.name(), type, missing,
                numeric && measured ? min : null,
                numeric && measured ? max : null,
                numeric && measured ? mean : null,
                numeric && measured ? Math.sqrt(squaredDeviations / count) : null,
                type == ColumnType.STRING && distinct != null ? (long) distinct.size() : null,
                type == ColumnType.BOOLEAN ? trueCount : null,
                type == ColumnType.TENSOR ? dtype : null,
                type == ColumnType.TENSOR && shape != null && !shapesDiffer
                        ? Arrays.stream(shape).boxed().toList() : null);
    }
}
