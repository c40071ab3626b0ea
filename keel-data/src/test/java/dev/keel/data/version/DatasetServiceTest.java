package dev.keel.data.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatasetServiceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void commitsFirstVersionWithSortedManifestAndHead(String kind) throws Exception {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "iris", "flowers");
            DatasetVersion v1 = f.service.commit(null, "iris",
                    f.commit(null, f.upload("z.csv", "a,b\n1,2\n"), f.upload("a/readme.txt", "hi")));

            assertThat(v1.number()).isEqualTo(1);
            assertThat(v1.parent()).isNull();
            assertThat(v1.fileCount()).isEqualTo(2);
            assertThat(v1.totalBytes()).isEqualTo(10);
            var detail = f.service.getVersion(null, "iris", "v1");
            assertThat(detail.manifest()).extracting(ManifestEntry::path).containsExactly("a/readme.txt", "z.csv");
            assertThat(f.service.getDataset(null, "iris").dataset().headVersion()).isEqualTo(1);
            try (InputStream in = f.service.openFile(null, "iris", "1", "z.csv")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void identicalContentGivesIdenticalHashWhateverTheMessage(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "a", "");
            f.service.createDataset(null, "b", "");
            ManifestEntry file = f.upload("x.bin", "same");
            DatasetVersion a = f.service.commit(null, "a", f.commit(null, file));
            DatasetVersion b = f.service.commit(null, "b", new CommitRequest(null, "other message", "someone else",
                    List.of(), List.of(file), List.of(), null, null));
            assertThat(a.contentHash()).isEqualTo(b.contentHash()).isEqualTo(ContentHash.of(List.of(file)));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void commitOnParentAddsReplacesAndRemovesFiles(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            f.service.commit(null, "d", f.commit(null, f.upload("keep.txt", "k"), f.upload("old.txt", "o"),
                    f.upload("change.txt", "1")));
            ManifestEntry changed = f.upload("change.txt", "2");
            ManifestEntry added = f.upload("new.txt", "n");
            DatasetVersion v2 = f.service.commit(null, "d", new CommitRequest("v1", "m", "t", List.of("golden"),
                    List.of(changed, added), List.of("old.txt"), null, null));

            assertThat(v2.parent()).isEqualTo(1);
            assertThat(v2.tags()).containsExactly("golden");
            assertThat(f.service.manifest(null, "d", "golden")).extracting(ManifestEntry::path)
                    .containsExactly("change.txt", "keep.txt", "new.txt");
            var diff = f.service.diff(null, "d", "1", "2");
            assertThat(diff.added()).extracting(ManifestEntry::path).containsExactly("new.txt");
            assertThat(diff.removed()).extracting(ManifestEntry::path).containsExactly("old.txt");
            assertThat(diff.changed()).extracting(c -> c.path()).containsExactly("change.txt");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void rejectsUnsafePathsNamingEachOne(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            ManifestEntry blob = f.upload("x", "content");
            List<ManifestEntry> bad = List.of(
                    new ManifestEntry("../x", blob.size(), blob.sha256()),
                    new ManifestEntry("/etc/passwd", blob.size(), blob.sha256()),
                    new ManifestEntry("a\\b", blob.size(), blob.sha256()),
                    new ManifestEntry("a\nb", blob.size(), blob.sha256()),
                    new ManifestEntry("a/./b", blob.size(), blob.sha256()),
                    new ManifestEntry("p".repeat(1025), blob.size(), blob.sha256()));
            assertThatThrownBy(() -> f.service.commit(null, "d",
                    new CommitRequest(null, "", "t", List.of(), bad, List.of(), null, null)))
                    .isInstanceOfSatisfying(KeelException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.details()).hasSize(6);
                        assertThat(e.details().getFirst()).startsWith("add[0].path: ../x");
                    });
            assertThat(f.service.listVersions(null, "d", 10, 0)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void rejectsUnknownBlob(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            ManifestEntry missing = new ManifestEntry("x.bin", 3, "0".repeat(64));
            assertThatThrownBy(() -> f.service.commit(null, "d", f.commit(null, missing)))
                    .isInstanceOfSatisfying(KeelException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("add[0].sha256").contains("x.bin");
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void rejectsDuplicateDatasetName(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            assertThatThrownBy(() -> f.service.createDataset(null, "d", "again"))
                    .isInstanceOfSatisfying(KeelException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void rejectsCommitWhoseParentIsNoLongerTheHead(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            f.service.commit(null, "d", f.commit(null, f.upload("a", "1")));
            f.service.commit(null, "d", f.commit("1", f.upload("a", "2")));
            assertThatThrownBy(() -> f.service.commit(null, "d", f.commit("1", f.upload("a", "3"))))
                    .isInstanceOfSatisfying(KeelException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void resolvesNumberTagAndHashPrefix(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            DatasetVersion v1 = f.service.commit(null, "d", f.commit(null, f.upload("a", "1")));
            f.service.commit(null, "d", f.commit("v1", f.upload("a", "2")));
            f.service.setTag(null, "d", "golden", "1", "t");

            assertThat(f.service.getVersion(null, "d", "golden").version().number()).isEqualTo(1);
            assertThat(f.service.getVersion(null, "d", v1.contentHash().substring(0, 8)).version().number())
                    .isEqualTo(1);
            assertThat(f.service.getVersion(null, "d", "v2").version().number()).isEqualTo(2);
            assertThatThrownBy(() -> f.service.getVersion(null, "d", "7"))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void latestMeansTheHeadUnlessTaggedExplicitly(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            f.service.commit(null, "d", f.commit(null, f.upload("a", "1")));
            f.service.commit(null, "d", f.commit("1", f.upload("a", "2")));
            assertThat(f.service.getVersion(null, "d", "latest").version().number()).isEqualTo(2);

            f.service.setTag(null, "d", "latest", "1", "t");
            assertThat(f.service.getVersion(null, "d", "latest").version().number()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void tagsMoveAndDeleteWhileVersionsStay(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            f.service.commit(null, "d", f.commit(null, f.upload("a", "1")));
            f.service.commit(null, "d", f.commit("1", f.upload("a", "2")));
            f.service.setTag(null, "d", "prod", "1", "t");
            f.service.setTag(null, "d", "prod", "2", "t");
            assertThat(f.service.getDataset(null, "d").tags()).containsEntry("prod", 2);
            f.service.deleteTag(null, "d", "prod", "t");
            assertThat(f.service.getDataset(null, "d").tags()).isEmpty();
            assertThat(f.service.listVersions(null, "d", 10, 0)).hasSize(2);
            assertThatThrownBy(() -> f.service.setTag(null, "d", "v3", "1", "t"))
                    .isInstanceOfSatisfying(KeelException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void refusesToDeleteReferencedVersionsAndMovesHeadBackOnDelete(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "d", "");
            f.service.commit(null, "d", f.commit(null, f.upload("a", "1")));
            f.service.commit(null, "d", f.commit("1", f.upload("a", "2")));
            f.service.setTag(null, "d", "keep", "2", "t");

            assertThatThrownBy(() -> f.service.deleteVersion(null, "d", "1"))
                    .isInstanceOfSatisfying(KeelException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.IN_USE);
                        assertThat(e.details()).containsExactly("parent of v2");
                    });
            assertThatThrownBy(() -> f.service.deleteVersion(null, "d", "2"))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.details()).containsExactly("tag keep"));
            f.service.deleteTag(null, "d", "keep", "t");
            f.service.deleteVersion(null, "d", "2");

            assertThat(f.service.getDataset(null, "d").dataset().headVersion()).isEqualTo(1);
            DatasetVersion v3 = f.service.commit(null, "d", f.commit("1", f.upload("a", "3")));
            assertThat(v3.number()).as("numbers are never reused").isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void listsDatasetsOfAProject(String kind) {
        try (DatasetFixture f = new DatasetFixture(kind, dir)) {
            f.service.createDataset(null, "b", "");
            f.service.createDataset("default", "a", "");
            assertThat(f.service.listDatasets(Optional.of("default"))).extracting(d -> d.name()).containsExactly("a", "b");
            assertThatThrownBy(() -> f.service.createDataset("nope", "c", ""))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }
}
