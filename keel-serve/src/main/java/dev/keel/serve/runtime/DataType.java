package dev.keel.serve.runtime;

import dev.keel.core.error.KeelException;
import java.util.Arrays;
import java.util.Locale;

/** Element types a served model may take or return; names follow ONNX/NumPy ({@code float32}, {@code int64}). */
public enum DataType {
    FLOAT32(4),
    FLOAT64(8),
    INT8(1),
    UINT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    BOOL(1);

    private final int byteSize;

    DataType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }

    /** The lower-case name used in JSON signatures: {@code float32}, {@code int64}, {@code bool}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #jsonName()} (case-insensitive); unknown names are an INVALID_ARGUMENT naming the choices. */
    public static DataType fromJsonName(String name) {
        for (DataType type : values()) {
            if (type.jsonName().equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw KeelException.invalid("dtype: " + name + " (expected: one of "
                + Arrays.stream(values()).map(DataType::jsonName).toList() + ")");
    }
}
