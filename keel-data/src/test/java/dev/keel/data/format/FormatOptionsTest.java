package dev.keel.data.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.ColumnType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatOptionsTest {
    @Test
    void reportsATensorColumnTypeAndABlankLabelColumnAtOnce() {
        assertThatThrownBy(() -> new FormatOptions(null, Map.of("pixels", ColumnType.TENSOR), " ", false, false))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.details()).containsExactly(
                            "columnTypes.pixels: tensor (expected: integer, float, boolean or string)",
                            "labelColumn: \" \" (expected: a column name or null)");
                });
    }

    @Test
    void defaultsDetectFormatsInferTypesAndFailOnBadRows() {
        FormatOptions defaults = FormatOptions.defaults();

        assertThat(defaults.format()).isNull();
        assertThat(defaults.columnTypes()).isEmpty();
        assertThat(defaults.labelColumn()).isNull();
        assertThat(defaults.skipBadRows()).isFalse();
    }
}
