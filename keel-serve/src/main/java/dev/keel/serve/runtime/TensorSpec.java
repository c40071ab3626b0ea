package dev.keel.serve.runtime;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One named input or output of a model: its element type and shape, where {@code -1} marks a dimension of any
 * size (the batch dimension, by convention the first).
 */
public record TensorSpec(String name, DataType dtype, long[] shape) {
    public TensorSpec {
        requireNonNull(name, "name is null");
        requireNonNull(dtype, "dtype is null");
        shape = requireNonNull(shape, "shape is null").clone();
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: blank (expected: a tensor name)");
        }
        for (long dimension : shape) {
            if (dimension < -1 || dimension == 0) {
                throw new IllegalArgumentException("shape: " + Arrays.toString(shape)
                        + " (expected: dimensions >= 1, or -1 for any size)");
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Whether {@code actual} fits this shape: same rank, and every fixed dimension equal. */
    public boolean acceptsShape(long[] actual) {
        if (actual.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != -1 && shape[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code name: float32[-1, 4]}, the form error messages use. */
    public String describe() {
        return name + ": " + dtype.jsonName() + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec spec && name.equals(spec.name) && dtype == spec.dtype
                && Arrays.equals(shape, spec.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + dtype.hashCode()) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return describe();
    }
}
