package dev.keel.train.job;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@code jobs} table. State changes are compare-and-set on the current state ({@code WHERE state IN …}),
 * so a worker's report, a cancel and the server's exit watcher racing on one job settle on exactly one outcome.
 */
public final class JobRepository {
    private static final RowMapper<Job> MAPPER = (rs, ctx) -> new Job(
            rs.getString("id"),
            rs.getString("project_id"),
            JobState.valueOf(rs.getString("state")),
            rs.getString("reason"),
            rs.getString("spec_text"),
            rs.getString("spec_hash"),
            rs.getString("dataset_name"),
            rs.getString("dataset_version"),
            rs.getString("experiment"),
            rs.getString("run_id"),
            rs.getString("study_id"),
            rs.getString("submitted_by"),
            rs.getString("executor"),
            rs.getString("worker_handle"),
            rs.getString("token_id"),
            rs.getInt("attempt"),
            rs.getInt("resume") != 0,
            new JobProgress(rs.getLong("step"), rs.getLong("total_steps"), rs.getInt("epoch"),
                    nullableDouble(rs, "loss"), nullableDouble(rs, "samples_per_second")),
            nullableInt(rs, "exit_code"),
            Instant.ofEpochMilli(rs.getLong("created_at")),
            instant(rs, "started_at"),
            instant(rs, "ended_at"),
            Instant.ofEpochMilli(rs.getLong("updated_at")));

    private final MetadataStore store;

    public JobRepository(MetadataStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    public void insert(Job job) {
        store.inTransaction(handle -> handle.createUpdate("""
                        INSERT INTO jobs (id, project_id, state, reason, spec_text, spec_hash, dataset_name,
                            dataset_version, experiment, run_id, study_id, submitted_by, executor, worker_handle, token_id,
                            attempt, resume, step, total_steps, epoch, loss, samples_per_second, exit_code, created_at,
                            started_at, ended_at, updated_at)
                        VALUES (:id, :projectId, :state, :reason, :specText, :specHash, :datasetName, :datasetVersion,
                            :experiment, :runId, :studyId, :submittedBy, :executor, :workerHandle, :tokenId, :attempt,
                            :resume, 0, 0, 0, NULL, NULL, NULL, :createdAt, NULL, NULL, :updatedAt)""")
                .bind("id", job.id())
                .bind("projectId", job.projectId())
                .bind("state", job.state().name())
                .bind("reason", job.reason())
                .bind("specText", job.specText())
                .bind("specHash", job.specHash())
                .bind("datasetName", job.datasetName())
                .bind("datasetVersion", job.datasetVersion())
                .bind("experiment", job.experiment())
                .bind("runId", job.runId())
                .bind("studyId", job.studyId())
                .bind("submittedBy", job.submittedBy())
                .bind("executor", job.executor())
                .bind("workerHandle", job.workerHandle())
                .bind("tokenId", job.tokenId())
                .bind("attempt", job.attempt())
                .bind("resume", job.resume() ? 1 : 0)
                .bind("createdAt", job.createdAt().toEpochMilli())
                .bind("updatedAt", job.updatedAt().toEpochMilli())
                .execute());
    }

    public Optional<Job> find(String id) {
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM jobs WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    /** NOT_FOUND when there is no such job. */
    public Job get(String id) {
        return find(id).orElseThrow(() -> KeelException.notFound("job \"" + id + "\""));
    }

    /** Newest first; {@code state} and {@code studyId} filter when present. */
    public List<Job> list(Optional<JobState> state, Optional<String> studyId, int limit, int offset) {
        // Conditions are added only when used: PostgreSQL cannot type a bare "NULL IS NULL" parameter.
        StringBuilder sql = new StringBuilder("SELECT * FROM jobs WHERE 1 = 1");
        state.ifPresent(s -> sql.append(" AND state = :state"));
        studyId.ifPresent(s -> sql.append(" AND study_id = :study"));
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
        return store.jdbi().withHandle(handle -> {
            var query = handle.createQuery(sql.toString()).bind("limit", limit).bind("offset", offset);
            state.ifPresent(s -> query.bind("state", s.name()));
            studyId.ifPresent(s -> query.bind("study", s));
            return query.map(MAPPER).list();
        });
    }

    /** Oldest first: the order the queue serves jobs in. */
    public List<Job> inStates(Collection<JobState> states) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM jobs WHERE state IN (<states>) ORDER BY created_at, id")
                .bindList("states", states.stream().map(JobState::name).toList())
                .map(MAPPER).list());
    }

    public int countInState(JobState state) {
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM jobs WHERE state = :state")
                .bind("state", state.name()).mapTo(Integer.class).one());
    }

    /** queued → running with the worker's handle and token; false when the job was no longer queued. */
    public boolean markRunning(String id, String workerHandle, String tokenId, String reason, Instant at) {
        return store.inTransaction(handle -> handle.createUpdate("""
                        UPDATE jobs SET state = 'RUNNING', reason = :reason, worker_handle = :handle, token_id = :token,
                            exit_code = NULL, started_at = :at, updated_at = :at
                        WHERE id = :id AND (state = 'QUEUED' OR (state = 'RUNNING' AND worker_handle IS NULL))""")
                .bind("id", id).bind("handle", workerHandle).bind("token", tokenId).bind("reason", reason)
                .bind("at", at.toEpochMilli())
                .execute()) == 1;
    }

    /**
     * Takes a queued job for launching (RUNNING without a worker yet), so that when several servers share the
     * database only the one whose claim matched starts a worker for it; false when another got it first.
     */
    public boolean claimForLaunch(String id, String reason, Instant at) {
        return store.inTransaction(handle -> handle.createUpdate("""
                        UPDATE jobs SET state = 'RUNNING', reason = :reason, worker_handle = NULL, updated_at = :at
                        WHERE id = :id AND state = 'QUEUED'""")
                .bind("id", id).bind("reason", reason).bind("at", at.toEpochMilli())
                .execute()) == 1;
    }

    /** Ends a queued or running job; false when it had ended already (the first outcome stands). */
    public boolean finish(String id, JobState state, String reason, Integer exitCode, Instant at) {
        if (!state.isTerminal()) {
            throw new IllegalArgumentException("state: " + state + " (expected: a terminal state)");
        }
        String exit = exitCode == null ? "" : ", exit_code = " + exitCode.intValue();
        return store.inTransaction(handle -> handle.createUpdate("UPDATE jobs SET state = :state, reason = :reason"
                        + exit + ", ended_at = :at, updated_at = :at WHERE id = :id AND state IN ('QUEUED', 'RUNNING')")
                .bind("id", id).bind("state", state.name()).bind("reason", reason)
                .bind("at", at.toEpochMilli())
                .execute()) == 1;
    }

    /** Records a worker's exit code after the job ended (the exit watcher learns it last). */
    public void recordExitCode(String id, int exitCode, Instant at) {
        store.inTransaction(handle -> handle.createUpdate(
                        "UPDATE jobs SET exit_code = :exitCode, updated_at = :at WHERE id = :id")
                .bind("id", id).bind("exitCode", exitCode).bind("at", at.toEpochMilli()).execute());
    }

    /** A failed or cancelled job back to the queue as its next attempt, resuming from its last checkpoint. */
    public boolean requeueForResume(String id, String reason, Instant at) {
        return store.inTransaction(handle -> handle.createUpdate("""
                        UPDATE jobs SET state = 'QUEUED', reason = :reason, attempt = attempt + 1, resume = 1,
                            worker_handle = NULL, token_id = NULL, exit_code = NULL, ended_at = NULL, updated_at = :at
                        WHERE id = :id AND state IN ('FAILED', 'CANCELLED')""")
                .bind("id", id).bind("reason", reason).bind("at", at.toEpochMilli()).execute()) == 1;
    }

    /** Only while running: a late report from a worker of an ended job changes nothing. */
    public boolean updateProgress(String id, JobProgress progress, Instant at) {
        return store.inTransaction(handle -> handle.createUpdate("""
                        UPDATE jobs SET step = :step, total_steps = :total, epoch = :epoch, loss = :loss,
                            samples_per_second = :throughput, updated_at = :at
                        WHERE id = :id AND state = 'RUNNING'""")
                .bind("id", id).bind("step", progress.step()).bind("total", progress.totalSteps())
                .bind("epoch", progress.epoch())
                .bind("loss", finiteOrNull(progress.loss()))
                .bind("throughput", finiteOrNull(progress.samplesPerSecond()))
                .bind("at", at.toEpochMilli())
                .execute()) == 1;
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
