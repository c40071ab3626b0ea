package dev.keel.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submitting jobs to a real server whose workers are real child JVMs: success, bad input, logs. */
class JobLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private static JobServer server;

    @BeforeAll
    static void start() throws Exception {
        server = JobServer.start(home, Map.of());
        server.commitPoints(home.resolve("scratch"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void submittedJobSucceedsWithATrackedRunAndAModelArtifact() {
        JsonNode submitted = server.submit(JobServer.SPEC);
        assertThat(submitted.path("dataset").asText()).isEqualTo("points@1");

        JsonNode job = server.awaitEnded(submitted.path("id").asText());

        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("reason").asText()).startsWith("trained 2 epoch(s)");
        assertThat(job.path("progress").path("step").asLong()).isEqualTo(job.path("progress").path("totalSteps").asLong());
        String runId = job.path("runId").asText();
        JsonNode run = server.admin().get("/api/v1/runs/" + runId, JsonNode.class);
        assertThat(run.toString()).contains("FINISHED").contains("val_accuracy").contains("keel.weightsHash")
                .contains("keel.provenance.pytorch.version");
        JsonNode artifacts = server.admin().get("/api/v1/runs/" + runId + "/artifacts", JsonNode.class);
        List<String> paths = new ArrayList<>();
        artifacts.path("artifacts").forEach(a -> paths.add(a.path("path").asText()));
        assertThat(paths).contains("model/model.keel").anyMatch(p -> p.startsWith("checkpoints/step-"));
        JsonNode loss = server.admin().get("/api/v1/runs/" + runId + "/metrics/loss", JsonNode.class);
        assertThat(loss.path("points").size()).isEqualTo(job.path("progress").path("totalSteps").asInt());
    }

    @Test
    void followedLogEndsWhenTheJobEndsAndHoldsTheWorkerOutput() throws Exception {
        String id = server.submit(JobServer.SPEC).path("id").asText();

        HttpResponse<String> log = server.send("GET", "/api/v1/jobs/" + id + "/logs?follow=true", null);

        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("=== attempt 1 of job " + id).contains("succeeded: trained 2 epoch(s)");
        assertThat(server.job(id).path("state").asText()).isEqualTo("succeeded");
        JsonNode chunk = server.admin().get("/api/v1/jobs/" + id + "/logs?offset=0&maxBytes=20", JsonNode.class);
        assertThat(chunk.path("nextOffset").asLong()).isEqualTo(20);
    }

    @Test
    void divergedLossFailsTheJobAndItsRunWithTheStep() {
        // A threshold below any cross-entropy of two classes: the first step "diverges".
        String spec = JobServer.SPEC.replace("checkpoint: {everyEpochs: 1}",
                "checkpoint: {everyEpochs: 1}, divergenceThreshold: 0.01");

        JsonNode job = server.awaitEnded(server.submit(spec).path("id").asText());

        assertThat(job.path("state").asText()).isEqualTo("failed");
        assertThat(job.path("reason").asText()).startsWith("loss diverged at step 1");
        JsonNode run = server.admin().get("/api/v1/runs/" + job.path("runId").asText(), JsonNode.class);
        assertThat(run.toString()).contains("FAILED").contains("loss diverged at step 1");
    }

    @Test
    void invalidSpecIsRejectedWith400ListingEveryProblem() throws Exception {
        String spec = JobServer.SPEC.replace("units: 8", "units: -4").replace("batchSize: 32", "batchSize: 0");

        HttpResponse<String> response = server.send("POST", "/api/v1/jobs", JSON.writeValueAsString(Map.of("spec", spec)));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode details = JSON.readTree(response.body()).path("error").path("details");
        assertThat(details.toString()).contains("model.layers[0].units: -4").contains("training.batchSize: 0");
        assertThat(server.admin().get("/api/v1/jobs", JsonNode.class).path("jobs").toString()).doesNotContain("-4");
    }

    @Test
    void missingDatasetVersionIs404() throws Exception {
        String spec = JobServer.SPEC.replace("points:latest", "points@7");

        HttpResponse<String> response = server.send("POST", "/api/v1/jobs", JSON.writeValueAsString(Map.of("spec", spec)));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("NOT_FOUND");
    }

    @Test
    void workerRoutesRefuseATokenThatIsNotTheJobs() throws Exception {
        String id = server.submit(JobServer.SPEC).path("id").asText();
        String editor = server.admin().tokens().create("someone", "editor").token();
        var other = dev.keel.client.KeelClient.create(server.server().url(), editor);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> other.get("/api/v1/jobs/" + id + "/assignment", JsonNode.class)))
                .hasMessageContaining("does not belong to the job");
        server.admin().post("/api/v1/jobs/" + id + "/cancel", Map.of(), JsonNode.class);
    }
}
