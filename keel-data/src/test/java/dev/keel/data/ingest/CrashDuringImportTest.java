package dev.keel.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.config.DatabaseConfig;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.VersionProfiler;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashDuringImportTest {
    @TempDir
    Path dir;

    @Test
    void killedImportLeavesNoPartialVersionAndEveryReferencedBlobIntact() throws Exception {
        Path small = writeFiles(dir.resolve("small"), 3, 50_000);
        Path large = writeFiles(dir.resolve("large"), 40, 400_000);
        Path database = dir.resolve("metadata.db");
        Path blobFolder = dir.resolve("blobs");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImportChild.class.getName(),
                database.toString(), blobFolder.toString(), small.toString(), large.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int putsAfterV1 = 0;
        boolean sawV1 = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                sawV1 |= line.equals("V1");
                if (sawV1 && line.equals("PUT") && ++putsAfterV1 == 25) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sawV1).isTrue();
        assertThat(putsAfterV1).as("killed in the middle of the second import").isEqualTo(25);

        try (MetadataStore metadata = MetadataStore.open(DatabaseConfig.sqlite(database));
                BlobStore blobs = BlobStores.open(BlobStoreConfig.local(blobFolder))) {
            ChunkedFileStore files = new ChunkedFileStore(blobs, metadata, ChunkingParameters.defaults(), Clock.systemUTC());
            DatasetService service = new DatasetService(metadata, files, VersionProfiler.NONE, Clock.systemUTC(),
                    () -> UUID.randomUUID().toString());

            List<DatasetVersion> versions = service.listVersions(null, "crash", 100, 0);
            assertThat(versions).extracting(DatasetVersion::number).containsExactly(1);
            assertThat(service.getDataset(null, "crash").dataset().headVersion()).isEqualTo(1);
            for (ManifestEntry entry : service.manifest(null, "crash", "1")) {
                try (InputStream in = files.open(entry.sha256())) {
                    assertThat(in.readAllBytes()).hasSize((int) entry.size());
                }
            }
            List<String> indexedChunks = metadata.jdbi().withHandle(h ->
                    h.createQuery("SELECT chunk_sha256 FROM file_chunks").mapTo(String.class).list());
            for (String chunk : indexedChunks) {
                try (InputStream in = blobs.open(chunk)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
        }
    }

    /** Folders of CSV (chunked) and binary (whole) files of pseudo-random content. */
    private static Path writeFiles(Path folder, int count, int size) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(folder.getFileName().toString().hashCode());
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                StringBuilder csv = new StringBuilder("a,b\n");
                while (csv.length() < size) {
                    csv.append(random.nextLong()).append(',').append(random.nextInt()).append('\n');
                }
                Files.writeString(folder.resolve("part-" + i + ".csv"), csv);
            } else {
                byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                Files.write(folder.resolve("part-" + i + ".bin"), bytes);
            }
        }
        return folder;
    }
}
