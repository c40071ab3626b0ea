package dev.keel.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.config.BlobStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreContractTest {
    @TempDir
    Path root;

    private LocalBlobStore store;

    @BeforeEach
    void open() {
        store = new LocalBlobStore(root, Clock.systemUTC());
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected List<String> leftovers() {
        try (Stream<Path> files = Files.list(store.tempFolder())) {
            return files.map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void corrupt(String sha256, byte[] bytes) {
        try {
            Files.write(store.path(sha256), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void laysBlobsOutByHashPrefix() {
        String sha256 = store.put(new java.io.ByteArrayInputStream(HELLO), java.util.Optional.empty(), -1).sha256();

        assertThat(root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256))
                .hasBinaryContent(HELLO);
    }

    @Test
    void deletesStaleTempFilesOnOpenButKeepsFreshOnes() throws IOException {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");
        Path stale = Files.writeString(store.tempFolder().resolve("put-1.tmp"), "half a blob");
        Files.setLastModifiedTime(stale, FileTime.from(now.minus(Duration.ofHours(1))));
        Path fresh = Files.writeString(store.tempFolder().resolve("put-2.tmp"), "being written");
        Files.setLastModifiedTime(fresh, FileTime.from(now.minusSeconds(5)));

        new LocalBlobStore(root, Clock.fixed(now, java.time.ZoneOffset.UTC));

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void isWhatTheFactoryOpensForALocalFolder() {
        try (BlobStore opened = BlobStores.open(BlobStoreConfig.local(root.resolve("blobs")))) {
            assertThat(opened).isInstanceOf(LocalBlobStore.class);
            assertThat(root.resolve("blobs/tmp")).isDirectory();
        }
    }
}
