package dev.keel.train.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExitCausesTest {
    @Test
    void namesSigkillAsPossiblyOutOfMemory() {
        assertThat(ExitCauses.describe(OptionalInt.of(137)))
                .isEqualTo("worker exited with code 137 (killed: SIGKILL, possibly out of memory)");
    }

    @Test
    void namesOtherSignalsAndPlainCodes() {
        assertThat(ExitCauses.describe(OptionalInt.of(143))).isEqualTo("worker exited with code 143 (killed: SIGTERM)");
        assertThat(ExitCauses.describe(OptionalInt.of(3))).isEqualTo("worker exited with code 3");
    }

    @Test
    void keepsAChunkOfLogFromEndingInsideACharacter() {
        byte[] text = "ab\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(text, text.length - 1);

        assertThat(LocalProcessExecutor.completeUtf8Length(cut)).isEqualTo(2);
        assertThat(LocalProcessExecutor.completeUtf8Length(text)).isEqualTo(text.length);
    }
}
