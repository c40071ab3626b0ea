package dev.keel.data.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.keel.core.error.KeelException;
import java.util.Locale;

/** Element type of a {@link Tensor}, with its numpy-style name and the IDX type code it comes from. */
public enum DType {
    UINT8(1, 0x08),
    INT8(1, 0x09),
    INT16(2, 0x0B),
    INT32(4, 0x0C),
    FLOAT32(4, 0x0D),
    FLOAT64(8, 0x0E);

    private final int byteSize;
    private final int idxCode;

    DType(int byteSize, int idxCode) {
        this.byteSize = byteSize;
        this.idxCode = idxCode;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DType parse(String name) {
        for (DType type : values()) {
            if (type.jsonName().equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw KeelException.invalid("dtype: " + name + " (expected: uint8, int8, int16, int32, float32 or float64)");
    }

    /** The dtype of an IDX header type byte, or {@code null} for an unknown code. */
    public static DType ofIdxCode(int code) {
        for (DType type : values()) {
            if (type.idxCode == code) {
                return type;
            }
        }
        return null;
    }
}
