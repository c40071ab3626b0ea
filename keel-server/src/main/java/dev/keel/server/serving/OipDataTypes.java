package dev.keel.server.serving;

import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.DataType;
import java.util.Arrays;

/** The Open Inference Protocol's datatype names ({@code FP32}, {@code INT64}, …) for Keel's dtypes. */
final class OipDataTypes {
    private OipDataTypes() {}

    static String name(DataType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "FP32";
            case FLOAT64 -> "FP64";
            case INT8 -> "INT8";
            case UINT8 -> "UINT8";
            case INT16 -> "INT16";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case BOOL -> "BOOL";
        };
    }

    static DataType parse(String field, String name) {
        for (DataType dtype : DataType.values()) {
            if (name(dtype).equalsIgnoreCase(name)) {
                return dtype;
            }
        }
        throw KeelException.invalid(field + ": " + name + " (expected: one of "
                + Arrays.stream(DataType.values()).map(OipDataTypes::name).toList() + ")");
    }
}
