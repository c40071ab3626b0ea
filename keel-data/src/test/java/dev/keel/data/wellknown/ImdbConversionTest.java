package dev.keel.data.wellknown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.ingest.ChunkingParameters;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImdbConversionTest {
    @TempDir
    Path dir;

    @Test
    void convertsTheVerifiedArrayToJsonLines() throws Exception {
        byte[] array = "[{\"t\":\"Great \\\"film\\\"\",\"s\":1},{\"t\":\"Bad\",\"s\":0}]".getBytes(StandardCharsets.UTF_8);
        try (MetadataStore metadata = TestDatabases.open(TestDatabases.SQLITE, dir);
                BlobStore blobs = BlobStores.open(BlobStoreConfig.local(dir.resolve("blobs")))) {
            ChunkedFileStore files = new ChunkedFileStore(blobs, metadata, ChunkingParameters.defaults(), Clock.systemUTC());
            ImdbConversion conversion = new ImdbConversion(files, dir.resolve("work"));

            ManifestEntry entry = conversion.verifyAndStore(
                    new WellKnownFile("reviews.json", Sha256.of(array), array.length), new ByteArrayInputStream(array));

            assertThat(entry.path()).isEqualTo("reviews.jsonl");
            try (InputStream in = files.open(entry.sha256())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(
                        "{\"text\":\"Great \\\"film\\\"\",\"label\":1}\n{\"text\":\"Bad\",\"label\":0}\n");
            }
            assertThatThrownBy(() -> conversion.verifyAndStore(new WellKnownFile("reviews.json", "0".repeat(64), 1),
                    new ByteArrayInputStream(array)))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.HASH_MISMATCH));
        }
    }
}
