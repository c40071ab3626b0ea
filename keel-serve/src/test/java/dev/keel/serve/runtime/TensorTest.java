package dev.keel.serve.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void concatStacksAlongTheBatchDimensionAndSliceSplitsItBack() {
        Tensor a = Tensor.ofFloats(new long[] {1, 2}, 1f, 2f);
        Tensor b = Tensor.ofFloats(new long[] {2, 2}, 3f, 4f, 5f, 6f);
        Tensor batch = Tensor.concat(List.of(a, b));
        assertThat(batch.shape()).containsExactly(3, 2);
        assertThat(batch.toFloats()).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
        assertThat(batch.slice(1, 3)).isEqualTo(b);
    }

    @Test
    void concatRejectsMismatchedTrailingShape() {
        assertThatThrownBy(() -> Tensor.concat(List.of(Tensor.zeros(DataType.FLOAT32, 1, 2),
                Tensor.zeros(DataType.FLOAT32, 1, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float32[1, 3]");
    }

    @Test
    void rejectsDataOfTheWrongLength() {
        assertThatThrownBy(() -> Tensor.wrap(DataType.INT64, new long[] {2}, new byte[8]))
                .hasMessage("data: 8 bytes (expected: 16 for int64[2])");
    }
}
