package dev.keel.serve.runtime;

import dev.keel.core.error.KeelException;
import java.util.Arrays;
import java.util.Locale;

/** How a model version's file is stored: ONNX, TorchScript, or Keel's own training bundle. */
public enum ModelFormat {
    ONNX,
    TORCHSCRIPT,
    KEEL;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelFormat fromJsonName(String name) {
        for (ModelFormat format : values()) {
            if (format.jsonName().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw KeelException.invalid("format: " + name + " (expected: one of "
                + Arrays.stream(values()).map(ModelFormat::jsonName).toList() + ")");
    }
}
