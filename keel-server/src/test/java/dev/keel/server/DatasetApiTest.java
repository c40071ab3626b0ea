package dev.keel.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.client.KeelClient;
import dev.keel.client.KeelClientException;
import dev.keel.client.datasets.DatasetsClient;
import dev.keel.client.datasets.LocalFiles;
import dev.keel.core.dataset.DatasetDiff;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.hash.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetApiTest {
    @TempDir
    Path home;

    @TempDir
    Path local;

    private TestServer server;
    private DatasetsClient datasets;

    @BeforeEach
    void start() {
        server = TestServer.start(home);
        datasets = server.admin().datasets();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void commitsListsShowsDiffsTagsAndDownloads() throws Exception {
        datasets.create("iris", "flowers");
        Files.writeString(local.resolve("train.csv"), "x,label\n1.5,a\n2.5,b\n");
        Files.writeString(local.resolve("test.csv"), "x,label\n3.5,a\n");
        DatasetVersion v1 = datasets.commitFiles("iris", null, "first", List.of("golden"),
                LocalFiles.collect(List.of(local)), List.of(), null, null, bytes -> {});
        Files.writeString(local.resolve("test.csv"), "x,label\n3.5,a\n4.5,b\n");
        DatasetVersion v2 = datasets.commitFiles("iris", null, "more test rows", List.of(),
                LocalFiles.collect(List.of(local)), List.of(), null, null, bytes -> {});

        assertThat(v1.author()).isEqualTo("admin");
        assertThat(v1.rowCounts()).containsEntry("train", 2L);
        assertThat(v2.parent()).isEqualTo(1);
        assertThat(datasets.list()).extracting(d -> d.name()).containsExactly("iris");
        assertThat(datasets.get("iris").tags()).containsEntry("golden", 1);
        assertThat(datasets.versions("iris", 10, 0)).extracting(DatasetVersion::number).containsExactly(2, 1);
        var shown = datasets.version("iris", "golden");
        assertThat(shown.manifest()).extracting(ManifestEntry::path).containsExactly("test.csv", "train.csv");
        assertThat(shown.schema()).isNotNull();
        DatasetDiff diff = datasets.diff("iris", "1", "2");
        assertThat(diff.changed()).extracting(DatasetDiff.FileChange::path).containsExactly("test.csv");
        assertThat(diff.rowCounts().get("test")).isEqualTo(new DatasetDiff.RowCountChange(1L, 2L));

        datasets.tag("iris", "golden", "2");
        assertThat(datasets.get("iris").tags()).containsEntry("golden", 2);
        datasets.untag("iris", "golden");
        assertThat(datasets.get("iris").tags()).isEmpty();

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        datasets.downloadFile("iris", "1", "test.csv", file, bytes -> {});
        assertThat(file.toString(StandardCharsets.UTF_8)).isEqualTo("x,label\n3.5,a\n");
        Path tar = home.resolve("v2.tar");
        datasets.downloadArchive("iris", "v2", tar, bytes -> {});
        Path out = Files.createDirectories(home.resolve("out"));
        Process untar = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", out.toString()).start();
        assertThat(untar.waitFor()).isZero();
        assertThat(Files.readString(out.resolve("test.csv"))).isEqualTo("x,label\n3.5,a\n4.5,b\n");

        List<JsonNode> batches = new ArrayList<>();
        datasets.records("iris", "2", "test", 1, 1, -1, batches::add);
        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst().toString()).contains("4.5");
    }

    @Test
    void rejectsUploadWhoseHashDoesNotMatchAndCreatesNoVersion() {
        datasets.create("d", "");
        byte[] bytes = "content".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> server.admin().uploadBlob(new ByteArrayInputStream(bytes), bytes.length,
                Optional.of(Sha256.of("other".getBytes(StandardCharsets.UTF_8))), sent -> {}))
                .isInstanceOfSatisfying(KeelClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("HASH_MISMATCH");
                });
        assertThatThrownBy(() -> datasets.commit("d", new DatasetsClient.Commit(null, "", List.of(),
                List.of(new ManifestEntry("f.txt", bytes.length, Sha256.of(bytes))), List.of(), null, null)))
                .isInstanceOfSatisfying(KeelClientException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(datasets.versions("d", 10, 0)).isEmpty();
    }

    @Test
    void truncatedUploadStoresNothingAndCannotBeCommitted() throws Exception {
        datasets.create("d", "");
        byte[] body = new byte[4096];
        java.util.Arrays.fill(body, (byte) 'a');
        String response;
        try (Socket socket = new Socket(server.url().getHost(), server.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/blobs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestServer.ADMIN_TOKEN + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            response = new String(in.readAllBytes(), US_ASCII);
        }
        assertThat(response).doesNotStartWith("HTTP/1.1 201");
        byte[] half = java.util.Arrays.copyOf(body, body.length / 2);
        assertThat(server.admin().exists("/api/v1/blobs/" + Sha256.of(half))).isFalse();
        assertThatThrownBy(() -> datasets.commit("d", new DatasetsClient.Commit(null, "", List.of(),
                List.of(new ManifestEntry("f.bin", body.length, Sha256.of(body))), List.of(), null, null)))
                .isInstanceOfSatisfying(KeelClientException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(datasets.versions("d", 10, 0)).isEmpty();
    }

    @Test
    void rejectsMalformedCsvNamingLineAndColumn() throws Exception {
        datasets.create("d", "");
        Files.writeString(local.resolve("data.csv"), "id,age\n1,30\n2,abc\n");
        assertThatThrownBy(() -> datasets.commitFiles("d", null, "", List.of(), LocalFiles.collect(List.of(local)),
                List.of(), server.admin().json().readTree("{\"columnTypes\":{\"age\":\"integer\"}}"), null, b -> {}))
                .isInstanceOfSatisfying(KeelClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("MALFORMED_DATA");
                    assertThat(e.getMessage()).contains("data.csv line 3").contains("age");
                });
        assertThat(datasets.versions("d", 10, 0)).isEmpty();
    }

    @Test
    void rejectsPathsOutsideTheVersion() throws Exception {
        datasets.create("d", "");
        var blob = server.admin().uploadBlob(new ByteArrayInputStream(new byte[] {1}), 1, Optional.empty(), s -> {});
        var response = server.send("POST", "/api/v1/datasets/d/versions", TestServer.ADMIN_TOKEN,
                "{\"parent\":null,\"message\":\"m\",\"add\":[{\"path\":\"../x\",\"sha256\":\"" + blob.sha256()
                        + "\",\"size\":1}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("add[0].path: ../x");
    }

    @Test
    void rejectsDuplicateDatasetName() {
        datasets.create("d", "");
        assertThatThrownBy(() -> datasets.create("d", ""))
                .isInstanceOfSatisfying(KeelClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("ALREADY_EXISTS");
                });
    }

    @Test
    void rejectsASecondCommitOnTheSameParent() throws Exception {
        datasets.create("d", "");
        Files.writeString(local.resolve("a.txt"), "1");
        datasets.commitFiles("d", null, "", List.of(), LocalFiles.collect(List.of(local)), List.of(), null, null, b -> {});
        Files.writeString(local.resolve("a.txt"), "2");
        datasets.commitFiles("d", "1", "", List.of(), LocalFiles.collect(List.of(local)), List.of(), null, null, b -> {});
        Files.writeString(local.resolve("a.txt"), "3");
        assertThatThrownBy(() -> datasets.commitFiles("d", "1", "", List.of(), LocalFiles.collect(List.of(local)),
                List.of(), null, null, b -> {}))
                .isInstanceOfSatisfying(KeelClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("CONCURRENT_MODIFICATION");
                });
    }

    @Test
    void refusesToDeleteAReferencedVersion() throws Exception {
        datasets.create("d", "");
        Files.writeString(local.resolve("a.txt"), "1");
        datasets.commitFiles("d", null, "", List.of("keep"), LocalFiles.collect(List.of(local)), List.of(), null, null,
                b -> {});
        assertThatThrownBy(() -> datasets.deleteVersion("d", "1"))
                .isInstanceOfSatisfying(KeelClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("IN_USE");
                });
        datasets.untag("d", "keep");
        datasets.deleteVersion("d", "1");
        assertThat(datasets.versions("d", 10, 0)).isEmpty();
    }

    @Test
    void importsAServerSideFolderOnlyInsideTheImportRoots() throws Exception {
        Path folder = Files.createDirectories(home.resolve("imports").resolve("batch"));
        Files.writeString(folder.resolve("rows.jsonl"), "{\"a\":1}\n{\"a\":2}\n");
        datasets.create("d", "");
        DatasetVersion version = datasets.importPath("d", folder.toString(), "import", List.of());
        assertThat(version.fileCount()).isEqualTo(1);
        assertThat(version.rowCounts()).containsEntry("rows", 2L);
        assertThatThrownBy(() -> datasets.importPath("d", local.toString(), "outside", List.of()))
                .isInstanceOfSatisfying(KeelClientException.class, e -> assertThat(e.status()).isEqualTo(403));
        KeelClient editor = server.client(server.admin().tokens().create("ed", "editor").token());
        assertThatThrownBy(() -> editor.datasets().importPath("d", folder.toString(), "x", List.of()))
                .isInstanceOfSatisfying(KeelClientException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void reuploadedCsvWithOnePercentOfRowsChangedStoresAtMostTwoPercentNewBytes() throws Exception {
        datasets.create("big", "");
        java.util.Random random = new java.util.Random(11);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(i + "," + Long.toHexString(random.nextLong()) + "," + random.nextInt(1000) + ",free text " + i);
        }
        Path csv = local.resolve("big.csv");
        Files.writeString(csv, "id,key,score,comment\n" + String.join("\n", rows) + "\n");
        datasets.commitFiles("big", null, "v1", List.of(), LocalFiles.collect(List.of(local)), List.of(), null, null, b -> {});
        long before = storedBytes();
        for (int i = 50_000; i < 51_000; i++) {
            rows.set(i, i + ",changed," + random.nextInt(1000) + ",edited text " + i);
        }
        Files.writeString(csv, "id,key,score,comment\n" + String.join("\n", rows) + "\n");
        datasets.commitFiles("big", null, "v2", List.of(), LocalFiles.collect(List.of(local)), List.of(), null, null, b -> {});

        assertThat(storedBytes() - before).isLessThanOrEqualTo(Files.size(csv) / 50);
        ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
        datasets.downloadFile("big", "2", "big.csv", downloaded, b -> {});
        assertThat(downloaded.toByteArray()).isEqualTo(Files.readAllBytes(csv));
    }

    private long storedBytes() throws java.io.IOException {
        try (var files = Files.walk(home.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void importsWellKnownFashionMnistFromTheSystemPackage() throws Exception {
        assertThat(Path.of("/usr/share/datasets/fashion-mnist")).as("apt-get install dataset-fashion-mnist").isDirectory();
        KeelClient editor = server.client(server.admin().tokens().create("ed", "editor").token());

        DatasetVersion version = editor.datasets().importWellKnown("fashion-mnist", null, null, false);

        assertThat(version.rowCounts()).containsEntry("train", 60_000L).containsEntry("test", 10_000L);
        List<JsonNode> batches = new ArrayList<>();
        editor.datasets().records("fashion-mnist", "1", "test", 4, 0, 4, batches::add);
        assertThat(batches).hasSize(1);
        assertThatThrownBy(() -> editor.datasets().importWellKnown("mnist", null, home.toString(), false))
                .isInstanceOfSatisfying(KeelClientException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
