package dev.keel.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.hash.Sha256;
import dev.keel.store.blob.BlobRef;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkedFileStoreTest {
    @TempDir
    Path dir;

    private MetadataStore metadata;
    private BlobStore blobs;
    private ChunkedFileStore store;

    @BeforeEach
    void open() {
        metadata = TestDatabases.open(TestDatabases.SQLITE, dir);
        blobs = BlobStores.open(BlobStoreConfig.local(dir.resolve("blobs")));
        store = new ChunkedFileStore(blobs, metadata, ChunkingParameters.defaults(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        blobs.close();
        metadata.close();
    }

    @Test
    void reassemblesChunkedTextToTheWholeFileHash() throws IOException {
        byte[] csv = csv(100_000, new Random(1), -1);
        BlobRef ref = store.store("data/train.csv", new ByteArrayInputStream(csv));

        assertThat(ref).isEqualTo(new BlobRef(Sha256.of(csv), csv.length));
        assertThat(blobs.exists(ref.sha256())).as("text is stored as chunks, not whole").isFalse();
        assertThat(store.contains(ref.sha256())).isTrue();
        assertThat(store.size(ref.sha256())).isEqualTo(csv.length);
        try (InputStream in = store.open(ref.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(csv);
        }
    }

    @Test
    void storesBinaryFilesWhole() {
        byte[] bytes = new byte[300_000];
        new Random(2).nextBytes(bytes);
        BlobRef ref = store.store("train-images-idx3-ubyte", new ByteArrayInputStream(bytes));
        assertThat(blobs.exists(ref.sha256())).isTrue();
        assertThat(ref.size()).isEqualTo(bytes.length);
    }

    @Test
    void recommittingWithOnePercentOfRowsChangedStoresAtMostTwoPercentNewBytes() throws IOException {
        Random random = new Random(3);
        byte[] original = csv(100_000, random, -1);
        store.store("t.csv", new ByteArrayInputStream(original));
        long before = storedBytes();

        // 1% of rows (1,000 consecutive rows from row 40,000) get new values.
        byte[] edited = csv(100_000, new Random(3), 40_000);
        BlobRef ref = store.store("t.csv", new ByteArrayInputStream(edited));

        long added = storedBytes() - before;
        assertThat(added).isLessThanOrEqualTo(edited.length / 50);
        try (InputStream in = store.open(ref.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(edited);
        }
    }

    @Test
    void chunksATextFileThatArrivedWholeAndMakesTheWholeBlobRedundant() throws IOException {
        byte[] csv = csv(20_000, new Random(4), -1);
        BlobRef whole = blobs.put(new ByteArrayInputStream(csv), java.util.Optional.empty(), csv.length);

        assertThat(store.chunkWholeBlob("x.csv", whole.sha256())).isTrue();
        blobs.delete(whole.sha256());

        try (InputStream in = store.open(whole.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(csv);
        }
        assertThat(store.chunkWholeBlob("x.csv", whole.sha256())).as("already chunked, whole copy gone").isFalse();
        blobs.put(new ByteArrayInputStream(csv), java.util.Optional.empty(), csv.length);
        assertThat(store.chunkWholeBlob("x.csv", whole.sha256())).as("uploaded whole again: redundant").isTrue();
    }

    @Test
    void chunkBoundariesFollowLineEnds() throws IOException {
        byte[] csv = csv(50_000, new Random(5), -1);
        ContentDefinedChunker chunker = new ContentDefinedChunker(ChunkingParameters.defaults());
        int[] lineAligned = new int[2];
        chunker.split(new ByteArrayInputStream(csv), (buffer, length) -> {
            lineAligned[0]++;
            if (buffer[length - 1] == '\n') {
                lineAligned[1]++;
            }
        });
        assertThat(lineAligned[0]).isGreaterThan(10);
        assertThat(lineAligned[1]).isEqualTo(lineAligned[0]);
    }

    /** A CSV of {@code rows} rows; rows from {@code editFrom} (1% of them) get different values. */
    private static byte[] csv(int rows, Random random, int editFrom) {
        StringBuilder text = new StringBuilder("id,name,score,comment\n");
        for (int i = 0; i < rows; i++) {
            long value = random.nextLong();
            if (editFrom >= 0 && i >= editFrom && i < editFrom + rows / 100) {
                value = ~value;
            }
            text.append(i).append(",name-").append(Long.toHexString(value)).append(',')
                    .append(Math.floorMod(value, 1000) / 10.0).append(",some free text about row ")
                    .append(Long.toString(value, 36)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long storedBytes() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
