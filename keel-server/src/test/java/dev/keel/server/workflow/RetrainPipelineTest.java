package dev.keel.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.client.pipelines.PipelineRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrain loop end to end on a real server with real jobs: a dataset commit fires the pipeline, which trains,
 * evaluates, registers, promotes to an empty alias and deploys; a run whose model does not beat the alias leaves it.
 */
class RetrainPipelineTest {
    static final String PIPELINE = """
            name: retrain-points
            parameters: {dataset_version: null, margin: 0.0}
            triggers: [{dataset: points}]
            steps:
              - name: train
                type: train
                timeout: 3m
                params:
                  spec: |
            %s
                  dataset: "points@${trigger.dataset_version}"
                  epochs: 1
              - name: evaluate
                type: evaluate
                params: {run: "${steps.train.outputs.run_id}", metric: val_accuracy}
              - name: register
                type: register
                needs: [evaluate]
                params: {run: "${steps.train.outputs.run_id}", model: points}
              - name: promote
                type: promote
                params: {model: points, candidate: "${steps.register.outputs.version}", alias: production,
                         metric: val_accuracy, margin: "${params.margin}"}
              - name: deploy
                type: deploy
                params: {endpoint: points, model: points, reference: production,
                         onlyIf: "${steps.promote.outputs.promoted}"}
            """.formatted(PipelineTestServer.TRAINING_SPEC.indent(8).stripTrailing());

    @TempDir
    static Path home;

    private static PipelineTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PipelineTestServer.start(home);
        server.commitPoints(home.resolve("scratch"), 3, true);
        server.pipelines().apply(PIPELINE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTuneStepRunsAStudyAndHandsItsBestRunOn() throws Exception {
        String spec = server.admin().json().writeValueAsString(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(PipelineTestServer.TRAINING_SPEC));
        String study = """
                {"name": "points-lr", "spec": %s,
                 "searchSpace": {"training.optimizer.learningRate": {"type": "choice", "values": [0.001, 0.05]}},
                 "algorithm": {"type": "grid"}, "maxTrials": 2, "parallelism": 2,
                 "objective": {"metric": "val_accuracy", "direction": "maximize"}}""".formatted(spec);
        server.pipelines().apply("""
                name: tune-points
                steps:
                  - name: tune
                    type: tune
                    timeout: 3m
                    params:
                      study: |
                %s
                  - {name: evaluate, type: evaluate, params: {run: "${steps.tune.outputs.best_run_id}", metric: val_accuracy}}
                """.formatted(study.indent(8).stripTrailing()));

        PipelineRun run = server.awaitEnded(server.pipelines().run("tune-points", Map.of()).id());

        assertThat(run.state()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.step("tune").outputs()).containsKeys("study_id", "best_run_id", "best_objective");
        assertThat(run.step("evaluate").outputs().get("value")).isEqualTo(run.step("tune").outputs().get("best_objective"));
    }

    @Test
    void cancellingARunCancelsItsTrainingJob() {
        server.pipelines().apply("""
                name: long-train
                steps:
                  - name: train
                    type: train
                    params:
                      spec: |
                %s
                      dataset: "points@1"
                      epochs: 500
                  - {name: after, type: evaluate, params: {run: "${steps.train.outputs.run_id}"}}
                """.formatted(PipelineTestServer.TRAINING_SPEC.indent(8).stripTrailing()));
        String runId = server.pipelines().run("long-train", Map.of()).id();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> server.pipelines().getRun(runId).step("train").externalRef() != null);
        String jobId = server.pipelines().getRun(runId).step("train").externalRef();

        PipelineRun cancelled = server.pipelines().cancel(runId);

        assertThat(cancelled.state()).isEqualTo("cancelled");
        assertThat(cancelled.step("train").state()).isEqualTo("cancelled");
        assertThat(cancelled.step("after").state()).isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.admin().get("/api/v1/jobs/" + jobId,
                JsonNode.class).path("state").asText().equals("cancelled"));
    }

    private static JsonNode production() {
        return server.admin().get("/api/v1/models/points/versions/production", JsonNode.class);
    }

    @Test
    void aNewDatasetVersionRetrainsPromotesAndDeploysThenAWorseModelIsNotPromoted() throws Exception {
        assertThat(server.pipelines().runs(java.util.Optional.of("retrain-points"), 10))
                .as("the version that existed when the pipeline was applied does not fire it").isEmpty();

        server.commitPoints(home.resolve("scratch"), 4, false);

        await().atMost(Duration.ofSeconds(30)).until(() -> !server.pipelines().runs(
                java.util.Optional.of("retrain-points"), 10).isEmpty());
        PipelineRun first = server.pipelines().runs(java.util.Optional.of("retrain-points"), 10).getFirst();
        assertThat(first.trigger()).containsEntry("kind", "dataset").containsEntry("dataset_version", "2");
        first = server.awaitEnded(first.id());
        assertThat(first.state()).as(first.toString()).isEqualTo("succeeded");
        assertThat(first.step("train").outputs()).containsEntry("dataset", "points@2").containsKey("run_id");
        assertThat(first.step("evaluate").outputs()).containsKey("value");
        assertThat(first.step("promote").outputs()).containsEntry("promoted", "true").containsEntry("previous", "none");
        assertThat(first.step("deploy").outputs()).containsEntry("deployed", "true");
        assertThat(production().path("version").asInt()).isEqualTo(1);
        assertThat(server.server().deployments().find("points")).isPresent();

        // The same data cannot beat production by a whole unit of accuracy: not promoted, not deployed.
        PipelineRun second = server.awaitEnded(server.pipelines().run("retrain-points",
                Map.of("dataset_version", "2", "margin", "1.0")).id());

        assertThat(second.state()).as(second.toString()).isEqualTo("succeeded");
        assertThat(second.trigger()).containsEntry("kind", "manual");
        assertThat(second.step("register").outputs()).containsEntry("version", "3");
        assertThat(second.step("promote").outputs()).containsEntry("promoted", "false").containsEntry("previous", "1");
        assertThat(second.step("promote").outputs().get("reason")).contains("does not beat it by >= 1.0");
        assertThat(second.step("deploy").outputs()).containsEntry("deployed", "false");
        assertThat(production().path("version").asInt()).isEqualTo(1);
        assertThat(server.pipelines().runs(java.util.Optional.empty(), 100))
                .filteredOn(run -> run.pipeline().equals("retrain-points")).extracting(PipelineRun::id)
                .containsExactly(second.id(), first.id());
        List<String> steps = second.steps().stream().map(PipelineRun.Step::name).toList();
        assertThat(steps).containsExactly("train", "evaluate", "register", "promote", "deploy");
    }
}
