package dev.keel.serve.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import com.google.protobuf.ByteString;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export of trained MLP and CNN bundles to ONNX, through the parity gate against the training engine. */
class ModelExportTest {
    private static Path mlp;
    private static Path cnn;
    private final OnnxExporter exporter = new OnnxExporter();
    private final ParityGate gate = new ParityGate(OrtEnvironment.getEnvironment(), ParityGate.DEFAULT_TOLERANCE);
    private final ModelExport export = new ModelExport(TinyModels.ARCHITECTURES, exporter, gate);

    @BeforeAll
    static void train(@TempDir Path dir) {
        mlp = TinyModels.train(TinyModels.MLP, dir.resolve("mlp"));
        cnn = TinyModels.train(TinyModels.CNN, dir.resolve("cnn"));
    }

    @Test
    void aTrainedMlpExportsAndPassesTheParityGate() {
        ExportResult result = export.export(mlp, ModelExport.DEFAULT_SAMPLE_ROWS, new Random(1));

        assertThat(result.architecture()).isEqualTo("mlp");
        assertThat(result.sampleRows()).isEqualTo(64);
        assertThat(result.maxAbsoluteDeviation()).isLessThanOrEqualTo(ParityGate.DEFAULT_TOLERANCE);
        assertThat(result.signature().outputs().getFirst().shape()).containsExactly(-1, 3);
    }

    @Test
    void aTrainedCnnExportsAndPassesTheParityGate() {
        ExportResult result = export.export(cnn, ModelExport.DEFAULT_SAMPLE_ROWS, new Random(2));

        assertThat(result.architecture()).isEqualTo("cnn");
        assertThat(result.maxAbsoluteDeviation()).isLessThanOrEqualTo(ParityGate.DEFAULT_TOLERANCE);
        assertThat(result.signature().inputs().getFirst().shape()).containsExactly(-1, 1, 8, 8);
    }

    @Test
    void aTrainedResnetWithBatchNormAndResidualsExportsAndPassesTheParityGate(@TempDir Path dir) {
        Path resnet = TinyModels.train(TinyModels.RESNET, dir.resolve("resnet"));

        ExportResult result = export.export(resnet, TinyModels.rows(64, 6));

        assertThat(result.architecture()).isEqualTo("resnet");
        assertThat(result.maxAbsoluteDeviation()).isLessThanOrEqualTo(ParityGate.DEFAULT_TOLERANCE);
    }

    @Test
    void trainedTextClassifiersWithMeanAndConvEncodersExportAndPassTheParityGate(@TempDir Path dir) {
        for (String model : new String[] {TinyModels.TEXT_MEAN, TinyModels.TEXT_CONV}) {
            Path bundle = TinyModels.trainText(model, dir.resolve(Integer.toString(model.hashCode())));

            ExportResult result = export.export(bundle, TinyModels.textRows(64, 7));

            assertThat(result.architecture()).isEqualTo("text");
            assertThat(result.signature().inputs().getFirst().dtype()).isEqualTo(dev.keel.serve.runtime.DataType.INT64);
            assertThat(result.maxAbsoluteDeviation()).as(model).isLessThanOrEqualTo(ParityGate.DEFAULT_TOLERANCE);
        }
    }

    @Test
    void theParityGateRunsOnRealValidationRowsEncodedByTheBundle() {
        ExportResult result = export.export(cnn, TinyModels.rows(64, 5));

        assertThat(result.sampleRows()).isEqualTo(64);
        assertThat(result.maxAbsoluteDeviation()).isLessThanOrEqualTo(ParityGate.DEFAULT_TOLERANCE);
    }

    @Test
    void anExportWithAPerturbedWeightIsRejectedWithTheDeviation() throws Exception {
        try (KeelBundleModel bundle = KeelBundleModel.load(cnn, TinyModels.ARCHITECTURES)) {
            byte[] perturbed = perturbFirstWeight(exporter.export(bundle), 0.5f);
            Tensor sample = ModelExport.randomSample(bundle.exampleShape(), 64, new Random(3));

            assertThatThrownBy(() -> gate.check(bundle, perturbed, sample))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageContaining("ONNX export rejected by the parity gate: max |ONNX Runtime - training engine| = ")
                    .hasMessageContaining("over 64 rows (expected: <= 1.0E-4)");
        }
    }

    @Test
    void theExportedModelGivesTheTrainedModelsPredictions() {
        // The gate's own comparison, seen from outside: ONNX logits pick the class the Keel model picks.
        ExportResult result = export.export(mlp, 16, new Random(4));
        try (var runtime = dev.keel.serve.runtime.OnnxRuntimeModel.open(OrtEnvironment.getEnvironment(), result.onnx(),
                dev.keel.serve.runtime.RuntimeOptions.defaults());
             KeelBundleModel bundle = KeelBundleModel.load(mlp, TinyModels.ARCHITECTURES)) {
            var rows = TinyModels.rows(6, 9);
            var encoded = bundle.model().encoder().encode(rows, false);
            float[][] keel = bundle.model().logits(rows, bundle.manager());
            long[] example = bundle.exampleShape();
            long[] shape = new long[example.length + 1];
            shape[0] = rows.size();
            System.arraycopy(example, 0, shape, 1, example.length);
            float[] onnx = runtime.predict(java.util.Map.of(KeelBundleModel.INPUT, Tensor.ofFloats(shape, encoded.features())))
                    .get(KeelBundleModel.OUTPUT).toFloats();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(onnx[r * 3 + c]).isCloseTo(keel[r][c], org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
    }

    private static byte[] perturbFirstWeight(byte[] onnx, float delta) throws Exception {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(onnx);
        OnnxMl.TensorProto first = model.getGraph().getInitializer(0);
        ByteBuffer raw = ByteBuffer.wrap(first.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        raw.putFloat(0, raw.getFloat(0) + delta);
        OnnxMl.GraphProto graph = model.getGraph().toBuilder()
                .setInitializer(0, first.toBuilder().setRawData(ByteString.copyFrom(raw.array()))).build();
        return model.toBuilder().setGraph(graph).build().toByteArray();
    }
}
