package dev.keel.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** JSON numbers ↔ tensor bytes, flat (OIP v2 {@code data}) or nested (KServe V1 {@code instances}). */
final class TensorValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TensorValues() {}

    /** A tensor from a flat JSON array in row-major order; {@code field} names it in errors. */
    static Tensor fromFlat(String field, DataType dtype, long[] shape, JsonNode data) {
        if (data == null || !data.isArray()) {
            throw KeelException.invalid(field + ": " + kind(data) + " (expected: an array of " + dtype.jsonName() + " values)");
        }
        long count;
        try {
            count = Tensor.elementCount(shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw KeelException.invalid(field + ".shape: " + Arrays.toString(shape) + " (expected: dimensions >= 0)");
        }
        if (count != data.size()) {
            throw KeelException.invalid(field + ": " + data.size() + " values (expected: " + count + " for shape "
                    + Arrays.toString(shape) + ")");
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(count * dtype.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.size(); i++) {
            put(buffer, dtype, data.get(i), field, i);
        }
        return Tensor.wrap(dtype, shape, buffer.array());
    }

    /** A tensor from nested JSON arrays (rows of rows); the shape is read from the nesting. */
    static Tensor fromNested(String field, DataType dtype, JsonNode nested) {
        List<Long> shape = new ArrayList<>();
        for (JsonNode node = nested; node != null && node.isArray(); node = node.size() == 0 ? null : node.get(0)) {
            shape.add((long) node.size());
        }
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        ArrayNode flat = NODES.arrayNode();
        flatten(field, nested, dims, 0, flat);
        return fromFlat(field, dtype, dims, flat);
    }

    /** Stacks rows (each a nested value of one instance) into a tensor with the batch first. */
    static Tensor fromRows(String field, DataType dtype, List<JsonNode> rows) {
        ArrayNode nested = NODES.arrayNode();
        rows.forEach(nested::add);
        return fromNested(field, dtype, nested);
    }

    static ArrayNode toFlat(Tensor tensor) {
        ArrayNode array = NODES.arrayNode(tensor.elementCount());
        for (int i = 0; i < tensor.elementCount(); i++) {
            array.add(value(tensor, i));
        }
        return array;
    }

    /** Row {@code row} of the batch as nested arrays (a scalar for a rank-1 tensor). */
    static JsonNode rowToNested(Tensor tensor, int row) {
        long[] shape = tensor.shape();
        int rowSize = 1;
        for (int d = 1; d < shape.length; d++) {
            rowSize = Math.multiplyExact(rowSize, Math.toIntExact(shape[d]));
        }
        int[] cursor = {row * rowSize};
        return nest(tensor, shape, 1, cursor);
    }

    static JsonNode value(Tensor tensor, int index) {
        return switch (tensor.dtype()) {
            case FLOAT32, FLOAT64 -> NODES.numberNode(tensor.dtype() == DataType.FLOAT32
                    ? (double) (float) tensor.getDouble(index) : tensor.getDouble(index));
            case BOOL -> NODES.booleanNode(tensor.getDouble(index) != 0);
            case INT64 -> NODES.numberNode(tensor.buffer().getLong(index * 8));
            default -> NODES.numberNode((long) tensor.getDouble(index));
        };
    }

    private static JsonNode nest(Tensor tensor, long[] shape, int dim, int[] cursor) {
        if (dim == shape.length) {
            return value(tensor, cursor[0]++);
        }
        ArrayNode array = NODES.arrayNode();
        for (long i = 0; i < shape[dim]; i++) {
            array.add(nest(tensor, shape, dim + 1, cursor));
        }
        return array;
    }

    private static void flatten(String field, JsonNode node, long[] dims, int dim, ArrayNode out) {
        if (dim == dims.length) {
            if (node.isArray()) {
                throw KeelException.invalid(field + ": ragged nesting (expected: a rectangular array of shape "
                        + Arrays.toString(dims) + ")");
            }
            out.add(node);
            return;
        }
        if (!node.isArray() || node.size() != dims[dim]) {
            throw KeelException.invalid(field + ": ragged nesting (expected: a rectangular array of shape "
                    + Arrays.toString(dims) + ")");
        }
        for (JsonNode child : node) {
            flatten(field, child, dims, dim + 1, out);
        }
    }

    private static void put(ByteBuffer buffer, DataType dtype, JsonNode value, String field, int index) {
        boolean ok = dtype == DataType.BOOL ? value.isBoolean() || value.isNumber() : value.isNumber();
        if (!ok) {
            throw KeelException.invalid(field + "[" + index + "]: " + value + " (expected: a " + dtype.jsonName() + " value)");
        }
        switch (dtype) {
            case FLOAT32 -> buffer.putFloat((float) value.asDouble());
            case FLOAT64 -> buffer.putDouble(value.asDouble());
            case INT8, UINT8 -> buffer.put((byte) value.asInt());
            case BOOL -> buffer.put((byte) (value.isBoolean() ? (value.asBoolean() ? 1 : 0) : (value.asInt() != 0 ? 1 : 0)));
            case INT16 -> buffer.putShort((short) value.asInt());
            case INT32 -> buffer.putInt(value.asInt());
            case INT64 -> buffer.putLong(value.asLong());
        }
    }

    private static String kind(JsonNode node) {
        return node == null || node.isMissingNode() ? "missing" : node.getNodeType().name().toLowerCase();
    }
}
