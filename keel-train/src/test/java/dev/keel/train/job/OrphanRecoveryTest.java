package dev.keel.train.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server restarted under running jobs: a job whose worker process still runs is re-attached and watched; a job
 * whose worker is gone (or whose pid now names another process) is failed — none stays "running" forever.
 * A real process ({@code sleep}) stands in for a worker started by the previous server.
 */
class OrphanRecoveryTest {
    @TempDir
    Path dir;

    static java.util.stream.Stream<String> kinds() {
        return dev.keel.store.testing.TestDatabases.kinds();
    }

    private LocalProcessExecutor executor() {
        return new LocalProcessExecutor(new LocalProcessExecutor.Settings(List.of("true"), Map.of(),
                dir.resolve("jobs")), Clock.systemUTC());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void reattachesToALiveWorkerAndFailsTheJobOnceItExits(String kind) throws Exception {
        Process worker = new ProcessBuilder("sleep", "60").start();
        try (JobFixture fixture = new JobFixture(kind, dir)) {
            fixture.insert("live", JobState.RUNNING, LocalProcessExecutor.handleOf(worker.toHandle()));
            JobService service = fixture.service(executor(), 1);

            service.recover();
            service.tick();

            assertThat(fixture.jobs.get("live").state()).isEqualTo(JobState.RUNNING);

            worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            service.tick();

            Job job = fixture.jobs.get("live");
            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(job.reason()).startsWith("worker exited (exit code unknown");
            assertThat(fixture.credentials.revoked).containsExactly("token-live");
            assertThat(fixture.tracking.getRunInfo(job.runId()).status().name()).isEqualTo("FAILED");
        } finally {
            worker.destroyForcibly();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void failsAJobWhoseWorkerIsGone(String kind) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        try (JobFixture fixture = new JobFixture(kind, dir)) {
            fixture.insert("dead", JobState.RUNNING, LocalProcessExecutor.handleOf(gone.toHandle()));
            fixture.insert("never-started", JobState.RUNNING, null);

            fixture.service(executor(), 1).recover();

            assertThat(fixture.jobs.get("dead").state()).isEqualTo(JobState.FAILED);
            assertThat(fixture.jobs.get("dead").reason()).isEqualTo("server restarted; worker lost");
            assertThat(fixture.jobs.get("never-started").state()).isEqualTo(JobState.FAILED);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void doesNotMistakeAReusedPidForTheWorker(String kind) throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try (JobFixture fixture = new JobFixture(kind, dir)) {
            // The pid is alive, but it started at another time than the recorded worker did.
            long started = other.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            fixture.insert("reused", JobState.RUNNING, other.pid() + ":" + (started - 60_000));

            fixture.service(executor(), 1).recover();

            assertThat(fixture.jobs.get("reused").state()).isEqualTo(JobState.FAILED);
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }
}
