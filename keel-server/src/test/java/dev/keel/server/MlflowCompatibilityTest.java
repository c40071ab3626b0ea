package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** The unmodified MLflow Java client against a real Keel server, authenticated with a Keel token. */
class MlflowCompatibilityTest {
    @TempDir
    Path home;

    private TestServer server;
    private MlflowClient mlflow;

    @BeforeEach
    void start() {
        server = TestServer.start(home);
        String editor = server.admin().tokens().create("notebook", "editor").token();
        mlflow = new MlflowClient(new BasicMlflowHostCreds(server.url().toString(), editor));
    }

    @AfterEach
    void stop() {
        mlflow.close();
        server.close();
    }

    @Test
    void experimentsCreateGetRenameDeleteAndRestore() {
        String id = mlflow.createExperiment("fashion");

        Experiment byId = mlflow.getExperiment(id);
        assertThat(byId.getName()).isEqualTo("fashion");
        assertThat(byId.getLifecycleStage()).isEqualTo("active");
        assertThat(mlflow.getExperimentByName("fashion")).map(Experiment::getExperimentId).contains(id);
        assertThat(mlflow.getExperimentByName("nothing")).isEmpty();

        mlflow.renameExperiment(id, "fashion-mnist");
        mlflow.setExperimentTag(id, "team", "vision");
        mlflow.deleteExperiment(id);
        assertThat(mlflow.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
        assertThat(mlflow.searchExperiments().getItems()).extracting(Experiment::getName).doesNotContain("fashion-mnist");
        mlflow.restoreExperiment(id);

        Experiment restored = mlflow.getExperiment(id);
        assertThat(restored.getName()).isEqualTo("fashion-mnist");
        assertThat(restored.getLifecycleStage()).isEqualTo("active");
        assertThat(restored.getTagsList()).anySatisfy(tag -> {
            assertThat(tag.getKey()).isEqualTo("team");
            assertThat(tag.getValue()).isEqualTo("vision");
        });
        assertThat(mlflow.searchExperiments("name LIKE 'fashion%'").getItems()).extracting(Experiment::getExperimentId)
                .containsExactly(id);
    }

    @Test
    void creatingAnExistingExperimentIsResourceAlreadyExists() {
        mlflow.createExperiment("twice");

        assertThatThrownBy(() -> mlflow.createExperiment("twice"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
                });
    }

    @Test
    void runRoundTripsParamsMetricsTagsAndStatus() {
        String experiment = mlflow.createExperiment("runs");
        RunInfo created = mlflow.createRun(experiment);
        String runId = created.getRunId();

        mlflow.logParam(runId, "lr", "0.01");
        mlflow.logParam(runId, "lr", "0.01");
        mlflow.logMetric(runId, "loss", 0.9, 1000L, 1L);
        mlflow.logMetric(runId, "loss", 0.4, 2000L, 2L);
        mlflow.logBatch(runId,
                List.of(Metric.newBuilder().setKey("val_accuracy").setValue(0.91).setTimestamp(3000L).setStep(2L).build(),
                        Metric.newBuilder().setKey("loss").setValue(0.3).setTimestamp(3000L).setStep(3L).build()),
                List.of(Param.newBuilder().setKey("batch_size").setValue("64").build()),
                List.of(RunTag.newBuilder().setKey("model").setValue("cnn").build()));
        mlflow.setTag(runId, "temporary", "yes");
        mlflow.deleteTag(runId, "temporary");
        mlflow.setTerminated(runId, RunStatus.FINISHED, 5000L);

        Run run = mlflow.getRun(runId);
        assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.getInfo().getEndTime()).isEqualTo(5000L);
        assertThat(run.getInfo().getExperimentId()).isEqualTo(experiment);
        assertThat(run.getData().getParamsList().stream().collect(Collectors.toMap(Param::getKey, Param::getValue)))
                .isEqualTo(Map.of("lr", "0.01", "batch_size", "64"));
        assertThat(run.getData().getMetricsList().stream().collect(Collectors.toMap(Metric::getKey, Metric::getValue)))
                .isEqualTo(Map.of("loss", 0.3, "val_accuracy", 0.91));
        assertThat(run.getData().getTagsList()).extracting(RunTag::getKey).contains("model").doesNotContain("temporary");
        assertThat(mlflow.getMetricHistory(runId, "loss")).extracting(Metric::getStep, Metric::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0.9), org.assertj.core.groups.Tuple.tuple(2L, 0.4),
                        org.assertj.core.groups.Tuple.tuple(3L, 0.3));
    }

    @Test
    void changingALoggedParamIsInvalidParameterValue() {
        String runId = mlflow.createRun(mlflow.createExperiment("params")).getRunId();
        mlflow.logParam(runId, "lr", "0.01");

        assertThatThrownBy(() -> mlflow.logParam(runId, "lr", "0.5"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE");
                });
    }

    @Test
    void searchRunsFiltersAndSortsLikeMlflow() {
        String experiment = mlflow.createExperiment("search");
        String good = mlflow.createRun(experiment).getRunId();
        String bad = mlflow.createRun(experiment).getRunId();
        String other = mlflow.createRun(experiment).getRunId();
        mlflow.logMetric(good, "val_accuracy", 0.95);
        mlflow.logParam(good, "lr", "0.01");
        mlflow.logMetric(bad, "val_accuracy", 0.85);
        mlflow.logParam(bad, "lr", "0.01");
        mlflow.logMetric(other, "val_accuracy", 0.97);
        mlflow.logParam(other, "lr", "0.1");

        RunsPage page = mlflow.searchRuns(List.of(experiment), "metrics.val_accuracy > 0.8 and params.lr = '0.01'",
                ViewType.ACTIVE_ONLY, 10, List.of("metrics.val_accuracy DESC"));

        assertThat(page.getItems()).extracting(r -> r.getInfo().getRunId()).containsExactly(good, bad);
    }

    @Test
    void deletedRunsAreSearchedOnlyWhenAskedForAndCanBeRestored() {
        String experiment = mlflow.createExperiment("lifecycle");
        String runId = mlflow.createRun(experiment).getRunId();

        mlflow.deleteRun(runId);
        List<RunInfo> active = mlflow.searchRuns(List.of(experiment), "", ViewType.ACTIVE_ONLY);
        List<RunInfo> deleted = mlflow.searchRuns(List.of(experiment), "", ViewType.DELETED_ONLY);
        mlflow.restoreRun(runId);

        assertThat(active).isEmpty();
        assertThat(deleted).extracting(RunInfo::getRunId).containsExactly(runId);
        assertThat(mlflow.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("active");
    }

    @Test
    void unknownRunAnswersMlflowsErrorShapeWith404() throws Exception {
        HttpResponse<String> response = server.send("GET", "/api/2.0/mlflow/runs/get?run_id=nope", TestServer.ADMIN_TOKEN,
                null);

        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body.path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(body.path("message").asText()).isEqualTo("run nope not found");
    }

    @Test
    void int64FieldsAreAcceptedAsStringsOrNumbers() throws Exception {
        String runId = mlflow.createRun(mlflow.createExperiment("int64")).getRunId();

        HttpResponse<String> asStrings = server.send("POST", "/api/2.0/mlflow/runs/log-metric", TestServer.ADMIN_TOKEN,
                "{\"run_id\":\"" + runId + "\",\"key\":\"m\",\"value\":1.5,\"timestamp\":\"7\",\"step\":\"3\"}");
        HttpResponse<String> asNumbers = server.send("POST", "/api/2.0/mlflow/runs/log-metric", TestServer.ADMIN_TOKEN,
                "{\"run_id\":\"" + runId + "\",\"key\":\"m\",\"value\":\"NaN\",\"timestamp\":8,\"step\":4}");

        assertThat(asStrings.statusCode()).isEqualTo(200);
        assertThat(asNumbers.statusCode()).isEqualTo(200);
        List<Metric> history = mlflow.getMetricHistory(runId, "m");
        assertThat(history).extracting(Metric::getStep, Metric::getTimestamp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 7L), org.assertj.core.groups.Tuple.tuple(4L, 8L));
        assertThat(history.get(1).getValue()).isNaN();
    }

    @Test
    void mlflowRoutesNeedAToken() throws Exception {
        HttpResponse<String> response = server.send("GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new ObjectMapper().readTree(response.body()).path("error_code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void viewerTokensCannotWrite() {
        String viewer = server.admin().tokens().create("reader", "viewer").token();
        try (MlflowClient readOnly = new MlflowClient(new BasicMlflowHostCreds(server.url().toString(), viewer))) {
            assertThat(readOnly.getExperiment("0").getName()).isEqualTo("Default");
            assertThatThrownBy(() -> readOnly.createExperiment("nope"))
                    .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
        }
    }
}
