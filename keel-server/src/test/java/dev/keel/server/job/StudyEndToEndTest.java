package dev.keel.server.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A two-trial grid study through the API: both trials run as jobs, the study reports the best. */
class StudyEndToEndTest {
    @TempDir
    Path home;

    @Test
    void twoTrialGridStudyRunsBothTrialsAndReportsTheBest() throws Exception {
        try (JobServer server = JobServer.start(home, Map.of())) {
            server.commitPoints(home.resolve("scratch"));
            String spec = server.admin().json().writeValueAsString(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(JobServer.SPEC)
                            .deepCopy());
            String study = """
                    {"name": "points-lr", "spec": %s,
                     "searchSpace": {"training.optimizer.learningRate": {"type": "choice", "values": [0.001, 0.05]}},
                     "algorithm": {"type": "grid"}, "maxTrials": 5, "parallelism": 1,
                     "objective": {"metric": "val_accuracy", "direction": "maximize"}}
                    """.formatted(spec.replace("\"epochs\":2", "\"epochs\":1"));

            JsonNode created = server.admin().post("/api/v1/studies", Map.of("study", study), JsonNode.class);
            String id = created.path("id").asText();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                    !server.admin().get("/api/v1/studies/" + id, JsonNode.class).path("state").asText().equals("running"));

            JsonNode shown = server.admin().get("/api/v1/studies/" + id, JsonNode.class);
            assertThat(shown.path("state").asText()).as(shown.toString()).isEqualTo("succeeded");
            assertThat(shown.path("trials")).hasSize(2).allSatisfy(trial -> {
                assertThat(trial.path("state").asText()).isEqualTo("succeeded");
                assertThat(trial.path("objective").isNumber()).isTrue();
            });
            double best = Math.max(shown.path("trials").get(0).path("objective").asDouble(),
                    shown.path("trials").get(1).path("objective").asDouble());
            assertThat(shown.path("best").path("objective").asDouble()).isEqualTo(best);
            assertThat(shown.path("reason").asText()).startsWith("2 trials (2 succeeded); best: trial");
            assertThat(server.admin().get("/api/v1/jobs?study=" + id, JsonNode.class).path("jobs")).hasSize(2)
                    .allSatisfy(job -> assertThat(job.path("studyId").asText()).isEqualTo(id));
        }
    }
}
