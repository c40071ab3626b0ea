package dev.keel.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.pytorch.jni.JniUtils;
import dev.keel.core.error.KeelException;
import org.junit.jupiter.api.Test;

class EngineSetupTest {
    @Test
    void startsPyTorchOfflineWithTheAskedIntraOpThreadsAndOneInterOpThread() {
        EngineSetup.pytorch(2);
        assertThat(JniUtils.getNumThreads()).isEqualTo(2);

        EngineSetup.pytorch(1);
        assertThat(JniUtils.getNumThreads()).isEqualTo(1);
        assertThat(JniUtils.getNumInteropThreads()).isEqualTo(1);
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void rejectsFewerThanOneThread() {
        assertThatThrownBy(() -> EngineSetup.pytorch(0)).isInstanceOf(KeelException.class)
                .hasMessage("engine.threads: 0 (expected: >= 1)");
    }
}
