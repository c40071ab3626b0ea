package dev.keel.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.KeelException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsConfigTest {
    @TempDir
    Path home;

    @Test
    void defaultsToOneJobAtATime() {
        KeelConfig config = KeelConfigLoader.loadOrThrow(home, Map.of(), Map.of());

        assertThat(config.jobs().maxConcurrent()).isEqualTo(1);
        assertThat(config.jobs().workerMaxHeap()).isEqualTo(DataSize.ofMegabytes(1024));
    }

    @Test
    void readsJobSettingsFromTheEnvironment() {
        KeelConfig config = KeelConfigLoader.loadOrThrow(home,
                Map.of("KEEL_JOBS_MAX_CONCURRENT", "3", "KEEL_JOBS_WORKER_MAX_HEAP", "2GB"), Map.of());

        assertThat(config.jobs().maxConcurrent()).isEqualTo(3);
        assertThat(config.jobs().workerMaxHeap().bytes()).isEqualTo(2L << 30);
    }

    @Test
    void rejectsNoConcurrentJobsNamingTheKey() {
        assertThatThrownBy(() -> KeelConfigLoader.loadOrThrow(home, Map.of("KEEL_JOBS_MAX_CONCURRENT", "0"), Map.of()))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("jobs.maxConcurrent: 0 (expected: >= 1)");
    }
}
