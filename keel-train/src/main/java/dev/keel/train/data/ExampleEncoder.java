package dev.keel.train.data;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.Row;
import dev.keel.data.record.Tensor;
import dev.keel.train.spec.LabelSpec;
import dev.keel.train.spec.NormalizationSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rows into model inputs: one tensor field (a 2-D image gains a leading channel dimension, a
 * height × width × channels image is reordered channels first), one text field
 * (token ids from the {@link Vocabulary}), or several numeric fields read as a vector; numbers are normalised.
 * Labels become class indices. Bad values fail with the row index and field.
 */
public final class ExampleEncoder {
    private final List<String> inputs;
    private final String label;
    private final double scale;
    private final double shift;
    private final Vocabulary vocabulary;
    private final long[] exampleShape;
    private final int exampleSize;
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final int classes;

    public ExampleEncoder(List<String> inputs, String label, NormalizationSpec normalization, LabelSpec labels,
                          Vocabulary vocabulary, long[] exampleShape) {
        this.inputs = List.copyOf(inputs);
        this.label = requireNonNull(label, "label is null");
        requireNonNull(normalization, "normalization is null");
        // x * scale + shift: one multiply-add per element instead of a switch on the kind.
        this.scale = switch (normalization.kind()) {
            case NormalizationSpec.SCALE -> normalization.factor();
            case NormalizationSpec.MEAN_STD -> 1 / normalization.std();
            default -> 1;
        };
        this.shift = NormalizationSpec.MEAN_STD.equals(normalization.kind()) ? -normalization.mean() / normalization.std() : 0;
        this.vocabulary = vocabulary;
        this.exampleShape = exampleShape.clone();
        this.exampleSize = (int) Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b);
        this.classes = labels.classCount();
        for (int i = 0; i < labels.classes().size(); i++) {
            classIndex.put(labels.classes().get(i), i);
        }
    }

    /** The shape of one example of {@code row} as the model will see it (what shape checks compare). */
    public static long[] exampleShape(Row row, List<String> inputs, Vocabulary vocabulary) {
        if (vocabulary != null) {
            return new long[] {vocabulary.spec().maxLength()};
        }
        if (inputs.size() == 1 && row.get(inputs.getFirst()) instanceof Tensor tensor) {
            int[] shape = tensor.shape();
            if (isChannelsLast(shape)) {
                return new long[] {shape[2], shape[0], shape[1]};
            }
            long[] dims = new long[shape.length == 2 ? 3 : shape.length];
            int offset = shape.length == 2 ? 1 : 0;
            dims[0] = 1;
            for (int i = 0; i < shape.length; i++) {
                dims[i + offset] = shape[i];
            }
            return dims;
        }
        return new long[] {inputs.size()};
    }

    /** Image readers give (height, width, channels); models take channels first. */
    static boolean isChannelsLast(int[] shape) {
        return shape.length == 3 && shape[2] <= 4 && shape[0] > 4 && shape[1] > 4;
    }

    public long[] exampleShape() {
        return exampleShape.clone();
    }

    public EncodedBatch encode(List<Row> rows) {
        return encode(rows, true);
    }

    /** Encodes rows; without labels (for prediction) every label is -1 and the label field is not read. */
    public EncodedBatch encode(List<Row> rows, boolean withLabels) {
        int[] labels = new int[rows.size()];
        if (vocabulary != null) {
            int[] tokens = new int[rows.size() * exampleSize];
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                Object value = row.get(inputs.getFirst());
                if (!(value instanceof String text)) {
                    throw bad(row, inputs.getFirst(), value, "a string");
                }
                System.arraycopy(vocabulary.encode(text), 0, tokens, r * exampleSize, exampleSize);
                labels[r] = withLabels ? classOf(row) : -1;
            }
            return new EncodedBatch(null, tokens, exampleShape, labels);
        }
        float[] features = new float[rows.size() * exampleSize];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            writeFeatures(row, features, r * exampleSize);
            labels[r] = withLabels ? classOf(row) : -1;
        }
        return new EncodedBatch(features, null, exampleShape, labels);
    }

    private void writeFeatures(Row row, float[] features, int offset) {
        if (inputs.size() == 1 && row.get(inputs.getFirst()) instanceof Tensor tensor) {
            if (tensor.elementCount() != exampleSize) {
                throw bad(row, inputs.getFirst(), tensor, "a tensor of shape " + Arrays.toString(exampleShape));
            }
            int[] shape = tensor.shape();
            if (isChannelsLast(shape)) {
                int height = shape[0];
                int width = shape[1];
                int channels = shape[2];
                for (int c = 0; c < channels; c++) {
                    for (int pixel = 0; pixel < height * width; pixel++) {
                        features[offset + c * height * width + pixel] =
                                normalize(tensor.getDouble(pixel * channels + c));
                    }
                }
                return;
            }
            for (int i = 0; i < exampleSize; i++) {
                features[offset + i] = normalize(tensor.getDouble(i));
            }
            return;
        }
        for (int i = 0; i < inputs.size(); i++) {
            Object value = row.get(inputs.get(i));
            double number = switch (value) {
                case Long integer -> integer;
                case Double real -> real;
                case Boolean bool -> bool ? 1 : 0;
                case null, default -> throw bad(row, inputs.get(i), value, "a number");
            };
            features[offset + i] = normalize(number);
        }
    }

    private float normalize(double value) {
        return (float) (value * scale + shift);
    }

    private int classOf(Row row) {
        Object value = row.get(label);
        Integer index = switch (value) {
            case Long integer -> integer >= 0 && integer < classes ? Integer.valueOf(integer.intValue())
                    : classIndex.get(integer.toString());
            case String text -> classIndex.get(text);
            case Boolean bool -> bool ? 1 : 0;
            case null, default -> null;
        };
        if (index == null) {
            throw bad(row, label, value, "a class index 0.." + (classes - 1) + " or one of the class names");
        }
        return index;
    }

    private static KeelException bad(Row row, String field, Object value, String expected) {
        String message = "row " + row.index() + ": " + field + ": " + value + " (expected: " + expected + ")";
        return new KeelException(ErrorCode.MALFORMED_DATA, message, List.of(message));
    }
}
