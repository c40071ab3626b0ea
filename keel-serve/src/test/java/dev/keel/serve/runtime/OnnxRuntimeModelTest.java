package dev.keel.serve.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime on a real third-party conv net (PaddleOCR's text-direction classifier). */
class OnnxRuntimeModelTest {
    static final String MODEL = "/models/ch_ppocr_mobile_v2.0_cls_infer.onnx";
    private static OnnxRuntimeModel model;

    @BeforeAll
    static void load(@TempDir Path dir) throws IOException {
        model = OnnxRuntimeModel.open(OrtEnvironment.getEnvironment(), copy(MODEL, dir), RuntimeOptions.defaults());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Path copy(String resource, Path dir) throws IOException {
        Path file = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = OnnxRuntimeModelTest.class.getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void readsSignatureFromTheGraph() {
        ModelSignature signature = model.signature();
        assertThat(signature.inputs()).hasSize(1);
        TensorSpec input = signature.inputs().getFirst();
        assertThat(input.dtype()).isEqualTo(DataType.FLOAT32);
        assertThat(input.shape()).containsExactly(-1, 3, -1, -1);
        assertThat(signature.outputs()).hasSize(1);
        assertThat(signature.outputs().getFirst().shape()).containsExactly(-1, 2);
    }

    @Test
    void predictsABatchOfItsDeclaredShape() {
        String name = model.signature().inputs().getFirst().name();
        Map<String, Tensor> outputs = model.predict(Map.of(name, Tensor.zeros(DataType.FLOAT32, 3, 3, 48, 192)));
        Tensor probabilities = outputs.get(model.signature().outputs().getFirst().name());
        assertThat(probabilities.shape()).containsExactly(3, 2);
        float[] values = probabilities.toFloats();
        for (int row = 0; row < 3; row++) {
            assertThat(values[2 * row] + values[2 * row + 1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void rejectsUnknownInputNameNamingTheSignature() {
        assertThatThrownBy(() -> model.predict(Map.of("images", Tensor.zeros(DataType.FLOAT32, 1, 3, 48, 192))))
                .isInstanceOf(KeelException.class)
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("inputs.images: unknown input")
                .hasMessageContaining(model.signature().describeInputs());
    }

    @Test
    void rejectsWrongDtype() {
        String name = model.signature().inputs().getFirst().name();
        assertThatThrownBy(() -> model.predict(Map.of(name, Tensor.zeros(DataType.INT64, 1, 3, 48, 192))))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("inputs." + name + ".dtype: int64 (expected: float32)");
    }

    @Test
    void rejectsWrongShape() {
        String name = model.signature().inputs().getFirst().name();
        assertThatThrownBy(() -> model.predict(Map.of(name, Tensor.zeros(DataType.FLOAT32, 1, 4, 48, 192))))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("inputs." + name + ".shape: [1, 4, 48, 192] (expected: [-1, 3, -1, -1])");
    }

    @Test
    void rejectsACorruptFileWithTheReason(@TempDir Path dir) throws IOException {
        Path corrupt = dir.resolve("corrupt.onnx");
        byte[] bytes = Files.readAllBytes(copy(MODEL, dir));
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> OnnxRuntimeModel.open(OrtEnvironment.getEnvironment(), corrupt, RuntimeOptions.defaults()))
                .isInstanceOf(KeelException.class)
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageStartingWith("model file: not a loadable ONNX model (");
    }
}
