package dev.keel.data.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConcurrentCommitTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void exactlyOneOfTwoCommitsOnTheSameParentWins(String kind) throws Exception {
        // Both commits wait for each other inside profiling, i.e. after both have checked that v1 is the
        // head and before either transaction starts: only the conditional head update can pick the winner.
        CyclicBarrier bothProfiled = new CyclicBarrier(2);
        VersionProfiler meetingProfiler = (files, format, split) -> {
            if (files.files().size() > 1) {
                await(bothProfiled);
            }
            return VersionProfile.empty();
        };
        try (DatasetFixture f = new DatasetFixture(kind, dir, meetingProfiler);
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            f.service.createDataset(null, "d", "");
            f.service.commit(null, "d", f.commit(null, f.upload("base.txt", "base")));
            List<Future<DatasetVersion>> commits = new ArrayList<>();
            for (String content : List.of("left", "right")) {
                var file = f.upload(content + ".txt", content);
                commits.add(threads.submit(() -> f.service.commit(null, "d", f.commit("v1", file))));
            }

            List<DatasetVersion> won = new ArrayList<>();
            List<ErrorCode> lost = new ArrayList<>();
            for (Future<DatasetVersion> commit : commits) {
                try {
                    won.add(commit.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    lost.add(((KeelException) e.getCause()).code());
                }
            }
            assertThat(won).hasSize(1);
            assertThat(lost).containsExactly(ErrorCode.CONCURRENT_MODIFICATION);
            assertThat(f.service.listVersions(null, "d", 10, 0)).extracting(DatasetVersion::number)
                    .containsExactly(2, 1);
            assertThat(f.service.getDataset(null, "d").head().id()).isEqualTo(won.getFirst().id());
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other commit never arrived", e);
        }
    }
}
