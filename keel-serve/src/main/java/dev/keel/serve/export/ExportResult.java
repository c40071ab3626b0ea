package dev.keel.serve.export;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.runtime.ModelSignature;

/**
 * An accepted ONNX export: the model bytes, their signature, and the parity gate's measurement — the largest
 * absolute difference between ONNX Runtime's and the training engine's outputs over {@code sampleRows} rows.
 */
public record ExportResult(byte[] onnx, ModelSignature signature, String architecture, double maxAbsoluteDeviation,
                           double tolerance, int sampleRows) {
    public ExportResult {
        requireNonNull(onnx, "onnx is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(architecture, "architecture is null");
    }
}
