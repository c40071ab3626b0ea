package dev.keel.serve.export;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.Tensor;
import dev.keel.train.model.ArchitectureRegistry;
import java.nio.file.Path;
import java.util.Random;

/**
 * Exports a Keel model bundle to ONNX through the parity gate: rebuild the model in the training engine, write
 * ONNX, compare both engines on a validation sample, and return the export only if they agree.
 */
public final class ModelExport {
    public static final int DEFAULT_SAMPLE_ROWS = 64;

    private final ArchitectureRegistry architectures;
    private final OnnxExporter exporter;
    private final ParityGate gate;

    public ModelExport(ArchitectureRegistry architectures, OnnxExporter exporter, ParityGate gate) {
        this.architectures = requireNonNull(architectures, "architectures is null");
        this.exporter = requireNonNull(exporter, "exporter is null");
        this.gate = requireNonNull(gate, "gate is null");
    }

    /** Exports with a validation sample the caller encoded (shape {@code [rows, example shape...]}, float32). */
    public ExportResult export(Path bundleFile, Tensor sample) {
        try (KeelBundleModel bundle = KeelBundleModel.load(bundleFile, architectures)) {
            bundle.signature().validate(java.util.Map.of(KeelBundleModel.INPUT, sample));
            return gate.check(bundle, exporter.export(bundle), sample);
        }
    }

    /**
     * Exports with validation rows as the trainer reads them (e.g. the first 64 rows of the run's validation split):
     * the bundle's own encoder normalises them, so the gate compares both engines on real inputs.
     */
    public ExportResult export(Path bundleFile, java.util.List<dev.keel.data.record.Row> validationRows) {
        if (validationRows.isEmpty()) {
            throw KeelException.invalid("validationRows: [] (expected: at least one row)");
        }
        try (KeelBundleModel bundle = KeelBundleModel.load(bundleFile, architectures)) {
            dev.keel.train.data.EncodedBatch encoded = bundle.model().encoder().encode(validationRows, false);
            long[] example = bundle.exampleShape();
            long[] shape = new long[example.length + 1];
            shape[0] = validationRows.size();
            System.arraycopy(example, 0, shape, 1, example.length);
            Tensor sample;
            if (bundle.takesTokens()) {
                long[] ids = new long[encoded.tokens().length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = encoded.tokens()[i];
                }
                sample = Tensor.ofLongs(shape, ids);
            } else {
                sample = Tensor.ofFloats(shape, encoded.features());
            }
            return gate.check(bundle, exporter.export(bundle), sample);
        }
    }

    /**
     * Exports with {@code rows} standard-normal rows drawn from {@code random}: inputs in the range normalised
     * features take, for when no validation split is at hand.
     */
    public ExportResult export(Path bundleFile, int rows, Random random) {
        try (KeelBundleModel bundle = KeelBundleModel.load(bundleFile, architectures)) {
            if (bundle.takesTokens()) {
                throw KeelException.invalid("validation sample: random rows cannot stand for token ids (expected: "
                        + "validation rows for a text model)");
            }
            Tensor sample = randomSample(bundle.exampleShape(), rows, random);
            return gate.check(bundle, exporter.export(bundle), sample);
        }
    }

    static Tensor randomSample(long[] exampleShape, int rows, Random random) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = rows;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        float[] values = new float[Math.toIntExact(Tensor.elementCount(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Tensor.ofFloats(shape, values);
    }
}
