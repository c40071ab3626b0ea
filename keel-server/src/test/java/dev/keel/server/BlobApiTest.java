package dev.keel.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keel.client.KeelClientException;
import dev.keel.client.UploadedBlob;
import dev.keel.core.hash.Sha256;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobApiTest {
    @TempDir
    Path home;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploadedFileIsStoredUnderItsHashWithProgressReported() throws Exception {
        Path file = home.resolve("data.bin");
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        Files.write(file, content);
        List<Long> progress = new ArrayList<>();

        UploadedBlob blob = server.admin().uploadBlob(file, progress::add);

        assertThat(blob).isEqualTo(new UploadedBlob(Sha256.of(content), content.length));
        assertThat(progress).last().isEqualTo((long) content.length);
        assertThat(server.admin().exists("/api/v1/blobs/" + blob.sha256())).isTrue();
        assertThat(server.server().blobs().open(blob.sha256()).readAllBytes()).isEqualTo(content);
    }

    @Test
    void uploadFarLargerThanTheBodyPrefetchWindowArrivesIntact() throws Exception {
        // 24 MiB arrives as hundreds of chunks: many refills of the prefetching body stream.
        byte[] content = new byte[24 << 20];
        new java.util.Random(11).nextBytes(content);
        String sha256 = Sha256.of(content);

        UploadedBlob blob = server.admin().uploadBlob(new ByteArrayInputStream(content), content.length,
                Optional.of(sha256), n -> {});

        assertThat(blob).isEqualTo(new UploadedBlob(sha256, content.length));
        try (var stored = server.server().blobs().open(sha256)) {
            assertThat(stored.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void rejectsUploadWhoseHashDoesNotMatchAndStoresNothing() {
        byte[] content = "hello".getBytes(UTF_8);
        String wrong = Sha256.of("something else".getBytes(UTF_8));

        KeelClientException e = catchThrowableOfType(KeelClientException.class, () -> server.admin()
                .uploadBlob(new ByteArrayInputStream(content), content.length, Optional.of(wrong), n -> {}));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("HASH_MISMATCH");
        assertThat(server.admin().exists("/api/v1/blobs/" + Sha256.of(content))).isFalse();
        assertThat(server.admin().exists("/api/v1/blobs/" + wrong)).isFalse();
    }

    @Test
    void malformedHashHeaderIs400NamingTheHeader() {
        KeelClientException e = catchThrowableOfType(KeelClientException.class, () -> server.admin()
                .uploadBlob(new ByteArrayInputStream(new byte[3]), 3, Optional.of("ABC"), n -> {}));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("X-Keel-Sha256: ABC");
    }

    @Test
    void headOfUnknownBlobIs404() {
        assertThat(server.admin().exists("/api/v1/blobs/" + "0".repeat(64))).isFalse();
    }

    @Test
    void uploadingTheSameContentTwiceKeepsOneBlob() throws Exception {
        Path file = home.resolve("same.txt");
        Files.writeString(file, "same bytes");

        UploadedBlob first = server.admin().uploadBlob(file, n -> {});
        UploadedBlob second = server.admin().uploadBlob(file, n -> {});

        assertThat(second).isEqualTo(first);
    }
}
