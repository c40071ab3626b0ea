package dev.keel.train.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.KeelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
    @TempDir
    Path dir;

    @Test
    void recordsEngineJvmAndMachine() {
        Provenance provenance = Provenance.collect(EngineSetup.pytorch(1), 1);

        assertThat(provenance.djlVersion()).isEqualTo("0.36.0");
        assertThat(provenance.pytorchVersion()).startsWith("2.7.1");
        assertThat(provenance.jvm()).contains(System.getProperty("java.runtime.version"));
        // The version the build wrote (not "unknown", which a jar manifest lookup gave outside a release jar).
        assertThat(provenance.keelVersion()).isEqualTo(KeelVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(provenance.asMap()).containsKeys("keel.version", "os", "cpu.model", "host", "git.commit")
                .containsEntry("engine.threads", "1");
    }

    @Test
    void readsTheGitCommitOfTheWorkingFolderThroughItsBranch() throws Exception {
        Path git = Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), "0123456789abcdef0123456789abcdef01234567\n");

        assertThat(Provenance.gitCommit(Files.createDirectories(dir.resolve("sub/folder"))))
                .isIn("0123456789abcdef0123456789abcdef01234567", System.getenv("KEEL_GIT_COMMIT"));
    }
}
