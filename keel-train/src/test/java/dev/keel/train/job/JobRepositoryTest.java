package dev.keel.train.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The jobs table on SQLite and PostgreSQL: round trip, compare-and-set transitions, resume, listing. */
class JobRepositoryTest {
    @TempDir
    Path dir;

    static java.util.stream.Stream<String> kinds() {
        return dev.keel.store.testing.TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void storesAJobAndReadsItBack(String kind) {
        try (JobFixture fixture = new JobFixture(kind, dir)) {
            Job stored = fixture.insert("a", JobState.QUEUED, null);

            Job read = fixture.jobs.get("a");

            assertThat(read.state()).isEqualTo(JobState.QUEUED);
            assertThat(read.runId()).isEqualTo(stored.runId());
            assertThat(read.progress()).satisfies(p -> {
                assertThat(p.step()).isZero();
                assertThat(p.loss()).isNaN();
            });
            assertThat(read.studyId()).isNull();
            assertThatThrownBy(() -> fixture.jobs.get("missing")).isInstanceOf(KeelException.class)
                    .extracting(e -> ((KeelException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void firstOutcomeWinsWhenTwoFinishesRace(String kind) {
        try (JobFixture fixture = new JobFixture(kind, dir)) {
            fixture.insert("a", JobState.QUEUED, null);
            assertThat(fixture.jobs.markRunning("a", "1:2", "t", "running", Instant.now())).isTrue();

            boolean cancelled = fixture.jobs.finish("a", JobState.CANCELLED, "cancelled by me", null, Instant.now());
            boolean failed = fixture.jobs.finish("a", JobState.FAILED, "worker exited with code 143", 143, Instant.now());

            assertThat(cancelled).isTrue();
            assertThat(failed).isFalse();
            Job job = fixture.jobs.get("a");
            assertThat(job.state()).isEqualTo(JobState.CANCELLED);
            assertThat(job.reason()).isEqualTo("cancelled by me");
            assertThat(job.endedAt()).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyOneOfTwoLaunchClaimsOfAQueuedJobWins(String kind) {
        try (JobFixture fixture = new JobFixture(kind, dir)) {
            fixture.insert("a", JobState.QUEUED, null);

            boolean first = fixture.jobs.claimForLaunch("a", "starting", Instant.now());
            boolean second = fixture.jobs.claimForLaunch("a", "starting", Instant.now());

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            assertThat(fixture.jobs.markRunning("a", "1:2", "t", "running", Instant.now())).isTrue();
            assertThat(fixture.jobs.markRunning("a", "3:4", "t", "running", Instant.now()))
                    .as("a worker is recorded once").isFalse();
            assertThat(fixture.jobs.get("a").workerHandle()).isEqualTo("1:2");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void resumeQueuesTheNextAttemptOfAFailedJobOnly(String kind) {
        try (JobFixture fixture = new JobFixture(kind, dir)) {
            fixture.insert("a", JobState.RUNNING, "1:2");
            assertThat(fixture.jobs.requeueForResume("a", "resumed", Instant.now())).isFalse();
            fixture.jobs.finish("a", JobState.FAILED, "worker exited with code 3", 3, Instant.now());

            assertThat(fixture.jobs.requeueForResume("a", "resumed", Instant.now())).isTrue();

            Job job = fixture.jobs.get("a");
            assertThat(job.state()).isEqualTo(JobState.QUEUED);
            assertThat(job.attempt()).isEqualTo(2);
            assertThat(job.resume()).isTrue();
            assertThat(job.workerHandle()).isNull();
            assertThat(job.exitCode()).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void progressIsStoredOnlyWhileRunningAndListsFilterByState(String kind) {
        try (JobFixture fixture = new JobFixture(kind, dir)) {
            fixture.insert("a", JobState.RUNNING, "1:2");
            fixture.insert("b", JobState.QUEUED, null);

            assertThat(fixture.jobs.updateProgress("a", new JobProgress(5, 10, 1, 0.5, 100), Instant.now())).isTrue();
            assertThat(fixture.jobs.updateProgress("b", new JobProgress(5, 10, 1, 0.5, 100), Instant.now())).isFalse();

            assertThat(fixture.jobs.get("a").progress()).isEqualTo(new JobProgress(5, 10, 1, 0.5, 100));
            assertThat(fixture.jobs.list(Optional.of(JobState.QUEUED), Optional.empty(), 10, 0))
                    .extracting(Job::id).containsExactly("b");
            assertThat(fixture.jobs.list(Optional.empty(), Optional.empty(), 10, 0)).hasSize(2);
            assertThat(fixture.jobs.inStates(List.of(JobState.RUNNING, JobState.QUEUED))).extracting(Job::id)
                    .containsExactly("a", "b");
        }
    }
}
