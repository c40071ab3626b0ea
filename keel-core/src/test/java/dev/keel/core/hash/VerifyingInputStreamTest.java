package dev.keel.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
    private static final byte[] CONTENT = "hello keel".getBytes(StandardCharsets.UTF_8);

    @Test
    void passesContentWhoseHashAndSizeMatch() throws Exception {
        try (InputStream in = verifying(Sha256.of(CONTENT), CONTENT.length)) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
    }

    @Test
    void failsAtTheEndWhenTheHashDiffers() {
        String other = Sha256.of("something else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> verifying(other, -1).transferTo(OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_BLOB);
                    assertThat(e.getMessage()).contains("test content is corrupt").contains(other);
                });
    }

    @Test
    void failsWhenTheSizeDiffersEvenIfTheHashWereRight() {
        assertThatThrownBy(() -> verifying(Sha256.of(CONTENT), CONTENT.length + 1).readAllBytes())
                .isInstanceOfSatisfying(KeelException.class,
                        e -> assertThat(e.getMessage()).contains("expected: " + (CONTENT.length + 1) + " bytes"));
    }

    @Test
    void skippedBytesStillCountTowardsTheHash() throws Exception {
        try (InputStream in = verifying(Sha256.of(CONTENT), CONTENT.length)) {
            assertThat(in.skip(6)).isEqualTo(6);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("keel");
        }
    }

    private static InputStream verifying(String sha256, long size) {
        return new VerifyingInputStream(new ByteArrayInputStream(CONTENT), sha256, size, "test content");
    }
}
