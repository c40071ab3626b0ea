package dev.keel.serve.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * A dense tensor value passed to and returned by a {@link ModelRuntime}: element type, shape and row-major
 * little-endian element bytes (NumPy's default order, OIP v2's binary extension order). Immutable: factories
 * copy, except {@link #wrap} which takes ownership so runtimes and protocol adapters avoid a second copy.
 * keel-data's record Tensor has no int64/bool and int shapes, which ONNX models need, hence this type.
 */
public final class Tensor {
    private final DataType dtype;
    private final long[] shape;
    private final byte[] data;

    private Tensor(DataType dtype, long[] shape, byte[] data) {
        this.dtype = requireNonNull(dtype, "dtype is null");
        this.shape = requireNonNull(shape, "shape is null");
        this.data = requireNonNull(data, "data is null");
        long expected = elementCount(shape) * dtype.byteSize();
        if (expected != data.length) {
            throw new IllegalArgumentException("data: " + data.length + " bytes (expected: " + expected + " for "
                    + dtype.jsonName() + Arrays.toString(shape) + ")");
        }
    }

    /** Takes ownership of {@code shape} and {@code data} (little-endian, row-major): do not change them later. */
    public static Tensor wrap(DataType dtype, long[] shape, byte[] data) {
        return new Tensor(dtype, shape, data);
    }

    public static Tensor of(DataType dtype, long[] shape, byte[] data) {
        return new Tensor(dtype, shape.clone(), data.clone());
    }

    public static Tensor zeros(DataType dtype, long... shape) {
        return new Tensor(dtype, shape.clone(), new byte[Math.toIntExact(elementCount(shape) * dtype.byteSize())]);
    }

    public static Tensor ofFloats(long[] shape, float... values) {
        ByteBuffer buffer = allocate(values.length, 4);
        buffer.asFloatBuffer().put(values);
        return new Tensor(DataType.FLOAT32, shape.clone(), buffer.array());
    }

    public static Tensor ofDoubles(long[] shape, double... values) {
        ByteBuffer buffer = allocate(values.length, 8);
        buffer.asDoubleBuffer().put(values);
        return new Tensor(DataType.FLOAT64, shape.clone(), buffer.array());
    }

    public static Tensor ofInts(long[] shape, int... values) {
        ByteBuffer buffer = allocate(values.length, 4);
        buffer.asIntBuffer().put(values);
        return new Tensor(DataType.INT32, shape.clone(), buffer.array());
    }

    public static Tensor ofLongs(long[] shape, long... values) {
        ByteBuffer buffer = allocate(values.length, 8);
        buffer.asLongBuffer().put(values);
        return new Tensor(DataType.INT64, shape.clone(), buffer.array());
    }

    public static Tensor ofBooleans(long[] shape, boolean... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return new Tensor(DataType.BOOL, shape.clone(), bytes);
    }

    /** Number of elements of a shape; every dimension must be >= 0. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("shape: " + Arrays.toString(shape) + " (expected: dimensions >= 0)");
            }
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    /**
     * Stacks tensors of one dtype and equal trailing dimensions along the first (batch) dimension: what a
     * batcher does with the requests it groups.
     */
    public static Tensor concat(List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("parts: [] (expected: at least one tensor)");
        }
        Tensor first = parts.getFirst();
        long rows = 0;
        int bytes = 0;
        for (Tensor part : parts) {
            if (part.dtype != first.dtype || part.rank() == 0 || part.rank() != first.rank()
                    || !Arrays.equals(part.shape, 1, part.shape.length, first.shape, 1, first.shape.length)) {
                throw new IllegalArgumentException("parts: " + part + " (expected: " + first.dtype.jsonName()
                        + " with trailing shape of " + first + ")");
            }
            rows += part.shape[0];
            bytes = Math.addExact(bytes, part.data.length);
        }
        byte[] data = new byte[bytes];
        int offset = 0;
        for (Tensor part : parts) {
            System.arraycopy(part.data, 0, data, offset, part.data.length);
            offset += part.data.length;
        }
        long[] shape = first.shape.clone();
        shape[0] = rows;
        return new Tensor(first.dtype, shape, data);
    }

    /** Rows {@code [from, to)} of the first (batch) dimension: how a batcher hands each request its answer. */
    public Tensor slice(long from, long to) {
        if (rank() == 0 || from < 0 || to > shape[0] || from > to) {
            throw new IllegalArgumentException("slice: [" + from + ", " + to + ") (expected: within [0, "
                    + (rank() == 0 ? 0 : shape[0]) + "] of " + this + ")");
        }
        long rowBytes = shape[0] == 0 ? 0 : data.length / shape[0];
        long[] sliced = shape.clone();
        sliced[0] = to - from;
        return new Tensor(dtype, sliced, Arrays.copyOfRange(data, Math.toIntExact(from * rowBytes),
                Math.toIntExact(to * rowBytes)));
    }

    public DataType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The first dimension; 1 for a scalar. */
    public long batchSize() {
        return shape.length == 0 ? 1 : shape[0];
    }

    public int elementCount() {
        return data.length / dtype.byteSize();
    }

    public int byteSize() {
        return data.length;
    }

    /** Element {@code index} (row-major) as a double; exact for every type but int64 beyond 2^53. */
    public double getDouble(int index) {
        ByteBuffer view = view();
        return switch (dtype) {
            case FLOAT32 -> view.getFloat(index * 4);
            case FLOAT64 -> view.getDouble(index * 8);
            case INT8 -> data[index];
            case UINT8 -> data[index] & 0xFF;
            case BOOL -> data[index] != 0 ? 1 : 0;
            case INT16 -> view.getShort(index * 2);
            case INT32 -> view.getInt(index * 4);
            case INT64 -> view.getLong(index * 8);
        };
    }

    /** The elements converted to float (any dtype). */
    public float[] toFloats() {
        float[] values = new float[elementCount()];
        if (dtype == DataType.FLOAT32) {
            view().asFloatBuffer().get(values);
            return values;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) getDouble(i);
        }
        return values;
    }

    public double[] toDoubles() {
        double[] values = new double[elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = getDouble(i);
        }
        return values;
    }

    public long[] toLongs() {
        long[] values = new long[elementCount()];
        if (dtype == DataType.INT64) {
            view().asLongBuffer().get(values);
            return values;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) getDouble(i);
        }
        return values;
    }

    public int[] toInts() {
        int[] values = new int[elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (int) getDouble(i);
        }
        return values;
    }

    /** A copy of the little-endian element bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    /** A read-only little-endian view of the element bytes, without copying. */
    public ByteBuffer buffer() {
        return view().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer view() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer allocate(int elements, int size) {
        return ByteBuffer.allocate(Math.multiplyExact(elements, size)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor tensor && dtype == tensor.dtype && Arrays.equals(shape, tensor.shape)
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
