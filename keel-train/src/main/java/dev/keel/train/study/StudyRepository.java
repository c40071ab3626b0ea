package dev.keel.train.study;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.train.job.JobState;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** The {@code studies} and {@code study_trials} tables. */
public final class StudyRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowMapper<Study> STUDY = (rs, ctx) -> new Study(rs.getString("id"), rs.getString("project_id"),
            rs.getString("name"), JobState.valueOf(rs.getString("state")), rs.getString("reason"),
            rs.getString("definition_json"), rs.getString("objective_metric"), rs.getString("direction"),
            rs.getString("algorithm"), rs.getInt("max_trials"), rs.getInt("parallelism"), rs.getString("created_by"),
            Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
            rs.getObject("ended_at") == null ? null : Instant.ofEpochMilli(rs.getLong("ended_at")));
    private static final RowMapper<Trial> TRIAL = (rs, ctx) -> new Trial(rs.getInt("trial_index"),
            params(rs.getString("params_json")), rs.getString("job_id"), TrialState.valueOf(rs.getString("state")),
            rs.getObject("objective") == null ? null : rs.getDouble("objective"));

    private final MetadataStore store;

    public StudyRepository(MetadataStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    public void insert(Study study) {
        store.inTransaction(handle -> handle.createUpdate("""
                        INSERT INTO studies (id, project_id, name, state, reason, definition_json, objective_metric,
                            direction, algorithm, max_trials, parallelism, created_by, created_at, updated_at)
                        VALUES (:id, :projectId, :name, :state, :reason, :definition, :metric, :direction, :algorithm,
                            :maxTrials, :parallelism, :createdBy, :createdAt, :updatedAt)""")
                .bind("id", study.id()).bind("projectId", study.projectId()).bind("name", study.name())
                .bind("state", study.state().name()).bind("reason", study.reason())
                .bind("definition", study.definitionJson()).bind("metric", study.objectiveMetric())
                .bind("direction", study.direction()).bind("algorithm", study.algorithm())
                .bind("maxTrials", study.maxTrials()).bind("parallelism", study.parallelism())
                .bind("createdBy", study.createdBy()).bind("createdAt", study.createdAt().toEpochMilli())
                .bind("updatedAt", study.updatedAt().toEpochMilli())
                .execute());
    }

    public Study get(String id) {
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM studies WHERE id = :id")
                .bind("id", id).map(STUDY).findOne())
                .orElseThrow(() -> KeelException.notFound("study \"" + id + "\""));
    }

    public List<Study> list(int limit, int offset) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM studies ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset).map(STUDY).list());
    }

    public List<Study> inState(JobState state) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM studies WHERE state = :state ORDER BY created_at, id")
                .bind("state", state.name()).map(STUDY).list());
    }

    /** Ends a running study; false when it had ended already. */
    public boolean finish(String id, JobState state, String reason, Instant at) {
        return store.inTransaction(handle -> handle.createUpdate("""
                        UPDATE studies SET state = :state, reason = :reason, ended_at = :at, updated_at = :at
                        WHERE id = :id AND state = 'RUNNING'""")
                .bind("id", id).bind("state", state.name()).bind("reason", reason).bind("at", at.toEpochMilli())
                .execute()) == 1;
    }

    public void updateReason(String id, String reason, Instant at) {
        store.inTransaction(handle -> handle.createUpdate(
                        "UPDATE studies SET reason = :reason, updated_at = :at WHERE id = :id AND state = 'RUNNING'")
                .bind("id", id).bind("reason", reason).bind("at", at.toEpochMilli()).execute());
    }

    public List<Trial> trials(String studyId) {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM study_trials WHERE study_id = :id ORDER BY trial_index")
                .bind("id", studyId).map(TRIAL).list());
    }

    /** ALREADY_EXISTS when the index is taken (two servers suggesting the same trial). */
    public void insertTrial(String studyId, Trial trial, Instant at) {
        store.inTransaction(handle -> handle.createUpdate("""
                        INSERT INTO study_trials (study_id, trial_index, job_id, params_json, state, objective, created_at)
                        VALUES (:study, :index, :job, :params, :state, NULL, :at)""")
                .bind("study", studyId).bind("index", trial.index()).bind("job", trial.jobId())
                .bind("params", json(trial.params())).bind("state", trial.state().name()).bind("at", at.toEpochMilli())
                .execute());
    }

    public void updateTrial(String studyId, int index, TrialState state, Double objective) {
        String set = objective == null || !Double.isFinite(objective) ? "" : ", objective = " + objective;
        store.inTransaction(handle -> handle.createUpdate("UPDATE study_trials SET state = :state" + set
                        + " WHERE study_id = :study AND trial_index = :index")
                .bind("state", state.name()).bind("study", studyId).bind("index", index).execute());
    }

    public Optional<Trial> trial(String studyId, int index) {
        return trials(studyId).stream().filter(t -> t.index() == index).findFirst();
    }

    private static String json(Map<String, JsonNode> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonNode> params(String json) {
        try {
            return JSON.readValue(json, new TypeReference<java.util.LinkedHashMap<String, JsonNode>>() {});
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
