package dev.keel.serve.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL PyTorch on a TorchScript file written by PyTorch itself (tiny-linear-softmax.py). */
class TorchScriptModelTest {
    static final ModelSignature SIGNATURE = TorchScriptModelTestSignatures.TINY;
    private static TorchScriptModel model;

    @BeforeAll
    static void load(@TempDir Path dir) throws IOException {
        model = TorchScriptModel.open(OnnxRuntimeModelTest.copy("/models/tiny-linear-softmax.pt", dir), SIGNATURE,
                RuntimeOptions.defaults());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void reproducesPyTorchsOutputs() {
        Map<String, Tensor> out = model.predict(Map.of("x",
                Tensor.ofFloats(new long[] {2, 4}, 1f, 2f, 3f, 4f, 0f, -1f, 0.5f, 2f)));

        Tensor probabilities = out.get("probabilities");
        assertThat(probabilities.shape()).containsExactly(2, 3);
        float[] expected = {0.016891496f, 0.87895042f, 0.10415798f, 0.08770632f, 0.65478486f, 0.25750878f};
        float[] actual = probabilities.toFloats();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
        }
    }

    @Test
    void rejectsAWrongShapeNamingTheSignature() {
        assertThatThrownBy(() -> model.predict(Map.of("x", Tensor.zeros(DataType.FLOAT32, 2, 5))))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("inputs.x.shape: [2, 5] (expected: [-1, 4])")
                .hasMessageContaining("model signature: (x: float32[-1, 4])");
    }

    @Test
    void rejectsAWrongDtype() {
        assertThatThrownBy(() -> model.predict(Map.of("x", Tensor.zeros(DataType.FLOAT64, 2, 4))))
                .hasMessageContaining("inputs.x.dtype: float64 (expected: float32)");
    }

    @Test
    void rejectsAFileThatIsNotTorchScript(@TempDir Path dir) throws IOException {
        Path junk = Files.write(dir.resolve("junk.pt"), "not a model".getBytes());
        assertThatThrownBy(() -> TorchScriptModel.open(junk, SIGNATURE, RuntimeOptions.defaults()))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageStartingWith("model file: not a loadable TorchScript model");
    }
}
