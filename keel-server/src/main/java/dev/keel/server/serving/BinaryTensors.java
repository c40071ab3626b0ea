package dev.keel.server.serving;

import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keel's binary tensor body ({@value #MEDIA_TYPE}), for inputs too large for JSON. All integers little-endian:
 * <pre>
 * "KTNS"            4 bytes magic
 * version           u8 (1)
 * count             u32: number of tensors
 * per tensor:
 *   nameLength      u16, then the name in UTF-8
 *   dtype           u8: 0 float32, 1 float64, 2 int8, 3 uint8, 4 int16, 5 int32, 6 int64, 7 bool
 *   rank            u8, then rank × i64 dimensions
 *   data            elementCount × dtype size bytes, row-major, little-endian
 * </pre>
 * Documented in docs/serving.md; responses use it too when the request's {@code Accept} names it.
 */
public final class BinaryTensors {
    public static final String MEDIA_TYPE = "application/x-keel-tensors";
    private static final byte[] MAGIC = "KTNS".getBytes(StandardCharsets.US_ASCII);

    private BinaryTensors() {}

    static Map<String, Tensor> read(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[4];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || in.get() != 1) {
                throw KeelException.invalid("body: not a Keel tensor body (expected: magic KTNS, version 1)");
            }
            long count = Integer.toUnsignedLong(in.getInt());
            if (count > 1024) {
                throw KeelException.invalid("body.count: " + count + " (expected: <= 1024 tensors)");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (int t = 0; t < count; t++) {
                byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(name);
                String field = "body.tensors[" + t + "]";
                int dtypeCode = Byte.toUnsignedInt(in.get());
                if (dtypeCode >= DataType.values().length) {
                    throw KeelException.invalid(field + ".dtype: " + dtypeCode + " (expected: 0..7)");
                }
                DataType dtype = DataType.values()[dtypeCode];
                long[] shape = new long[Byte.toUnsignedInt(in.get())];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.getLong();
                }
                long bytes;
                try {
                    bytes = Math.multiplyExact(Tensor.elementCount(shape), dtype.byteSize());
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw KeelException.invalid(field + ".shape: " + java.util.Arrays.toString(shape) + " (expected: dimensions >= 0)");
                }
                if (bytes > in.remaining()) {
                    throw KeelException.invalid(field + ": " + in.remaining() + " bytes left (expected: " + bytes + ")");
                }
                byte[] data = new byte[(int) bytes];
                in.get(data);
                tensors.put(new String(name, StandardCharsets.UTF_8), Tensor.wrap(dtype, shape, data));
            }
            if (in.hasRemaining()) {
                throw KeelException.invalid("body: " + in.remaining() + " trailing bytes (expected: none)");
            }
            return tensors;
        } catch (BufferUnderflowException e) {
            throw KeelException.invalid("body: truncated Keel tensor body");
        }
    }

    /** Encodes {@code tensors} in this body format (also what a client sends; the serving benchmark uses it). */
    public static byte[] write(Map<String, Tensor> tensors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) 1).putInt(tensors.size());
        out.writeBytes(header.array());
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
            Tensor tensor = entry.getValue();
            ByteBuffer meta = ByteBuffer.allocate(2 + name.length + 2 + 8 * tensor.rank()).order(ByteOrder.LITTLE_ENDIAN);
            meta.putShort((short) name.length).put(name).put((byte) tensor.dtype().ordinal()).put((byte) tensor.rank());
            for (long dimension : tensor.shape()) {
                meta.putLong(dimension);
            }
            out.writeBytes(meta.array());
            out.writeBytes(tensor.bytes());
        }
        return out.toByteArray();
    }
}
