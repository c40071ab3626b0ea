package dev.keel.serve.export;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtEnvironment;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.OnnxRuntimeModel;
import dev.keel.serve.runtime.RuntimeOptions;
import dev.keel.serve.runtime.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Accepts an ONNX export only if ONNX Runtime reproduces the training engine's outputs on a validation sample
 * within {@code tolerance} (max absolute difference over every output element); otherwise the export is
 * rejected with the worst deviation, where it occurred and both values.
 */
public final class ParityGate {
    /** Float32 networks of a few layers agree to ~1e-6 between engines; 1e-4 leaves room for deeper ones. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    private final OrtEnvironment environment;
    private final double tolerance;

    public ParityGate(OrtEnvironment environment, double tolerance) {
        this.environment = requireNonNull(environment, "environment is null");
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance: " + tolerance + " (expected: >= 0)");
        }
        this.tolerance = tolerance;
    }

    /** Returns the measured result, or throws INVALID_ARGUMENT naming the worst deviation. */
    public ExportResult check(KeelBundleModel bundle, byte[] onnx, Tensor sample) {
        float[] expected = trainingEngine(bundle, sample);
        float[] actual;
        try (OnnxRuntimeModel runtime = OnnxRuntimeModel.open(environment, onnx, RuntimeOptions.defaults())) {
            actual = runtime.predict(Map.of(KeelBundleModel.INPUT, sample)).get(KeelBundleModel.OUTPUT).toFloats();
        }
        if (actual.length != expected.length) {
            throw new KeelException(ErrorCode.INVALID_ARGUMENT, "ONNX export rejected: " + actual.length
                    + " output values (expected: " + expected.length + " from the training engine)");
        }
        int rows = (int) sample.batchSize();
        int columns = rows == 0 ? 0 : expected.length / rows;
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < expected.length; i++) {
            double difference = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(difference) || difference > worst) {
                worst = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference;
                worstIndex = i;
            }
        }
        if (worst > tolerance) {
            String where = "row " + worstIndex / columns + ", output " + worstIndex % columns;
            String message = "ONNX export rejected by the parity gate: max |ONNX Runtime - training engine| = " + worst
                    + " at " + where + " (" + actual[worstIndex] + " vs " + expected[worstIndex] + ") over " + rows
                    + " rows (expected: <= " + tolerance + ")";
            throw new KeelException(ErrorCode.INVALID_ARGUMENT, message, List.of(message));
        }
        return new ExportResult(onnx, bundle.signature(), bundle.architecture(), worst, tolerance, rows);
    }

    private static float[] trainingEngine(KeelBundleModel bundle, Tensor sample) {
        try (NDManager batch = bundle.manager().newSubManager()) {
            NDArray input = bundle.takesTokens() ? batch.create(sample.toLongs(), new Shape(sample.shape()))
                    : batch.create(sample.toFloats(), new Shape(sample.shape()));
            return bundle.model().block().forward(new ParameterStore(batch, false), new NDList(input), false)
                    .singletonOrThrow().toFloatArray();
        }
    }
}
