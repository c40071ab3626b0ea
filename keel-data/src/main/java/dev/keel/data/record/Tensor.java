package dev.keel.data.record;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * A dense n-dimensional array (an image, an IDX record). Elements are stored row-major, little-endian (numpy's
 * default {@code '<'} order), so {@link #toBase64()} is exactly what {@code numpy.frombuffer(b, dtype)
 * .reshape(shape)} expects. Immutable: the constructor copies, {@link #wrap} takes ownership instead so the
 * readers need not copy every image twice.
 */
public final class Tensor {
    private final DType dtype;
    private final int[] shape;
    private final byte[] data;
    private final ByteBuffer view;

    private Tensor(DType dtype, int[] shape, byte[] data) {
        this.dtype = requireNonNull(dtype, "dtype is null");
        this.shape = requireNonNull(shape, "shape is null");
        this.data = requireNonNull(data, "data is null");
        long elements = elementCount(shape);
        if (elements * dtype.byteSize() != data.length) {
            throw new IllegalArgumentException("data: " + data.length + " bytes (expected: " + elements * dtype.byteSize()
                    + " for " + dtype.jsonName() + Arrays.toString(shape) + ")");
        }
        this.view = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A tensor over a copy of {@code data} (little-endian, row-major). */
    public static Tensor of(DType dtype, int[] shape, byte[] data) {
        return new Tensor(dtype, shape.clone(), data.clone());
    }

    /** A tensor that owns {@code shape} and {@code data}: the caller must not change either afterwards. */
    public static Tensor wrap(DType dtype, int[] shape, byte[] data) {
        return new Tensor(dtype, shape, data);
    }

    /** Number of elements of a shape; every dimension must be >= 0. */
    public static long elementCount(int[] shape) {
        long count = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("shape: " + Arrays.toString(shape) + " (expected: dimensions >= 0)");
            }
            count *= dimension;
        }
        return count;
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int elementCount() {
        return data.length / dtype.byteSize();
    }

    /** Element {@code index} (row-major) as a double; exact for every integer dtype. */
    public double getDouble(int index) {
        return switch (dtype) {
            case UINT8 -> data[index] & 0xFF;
            case INT8 -> data[index];
            case INT16 -> view.getShort(index * 2);
            case INT32 -> view.getInt(index * 4);
            case FLOAT32 -> view.getFloat(index * 4);
            case FLOAT64 -> view.getDouble(index * 8);
        };
    }

    /** A copy of the little-endian element bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor tensor
                && dtype == tensor.dtype
                && Arrays.equals(shape, tensor.shape)
                && Arrays.equals(data, tensor.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return dtype.jsonName() + Arrays.toString(shape);
    }
}
