package dev.keel.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.server.KeelProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code keel} executable: {@code keel train --follow}, {@code keel jobs …}, {@code keel studies …}. */
class JobCliTest {
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

    private static KeelProcess.Result keel(String... args) throws Exception {
        Path user = home.resolve("user");
        return KeelProcess.against(server.server().url(), JobServer.ADMIN_TOKEN, user, home, Duration.ofMinutes(3))
                .run(args);
    }

    @Test
    void trainFollowShowsTheOutcomeRunAndMetricsThenJobsCommandsFindTheJob() throws Exception {
        Path spec = Files.writeString(home.resolve("points.yaml"), JobServer.SPEC);

        KeelProcess.Result train = keel("train", "-f", spec.toString(), "--follow");

        assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).contains("succeeded: trained 2 epoch(s)").contains("val_accuracy = ");
        Matcher job = Pattern.compile("job ([0-9a-f]{16}) submitted").matcher(train.out());
        assertThat(job.find()).isTrue();
        String id = job.group(1);
        assertThat(keel("jobs", "list").out()).contains(id).contains("succeeded");
        assertThat(keel("jobs", "show", id).out()).contains("points@1");
        assertThat(keel("jobs", "logs", id).out()).contains("=== attempt 1 of job " + id);
        assertThat(keel("jobs", "logs", id, "-f").out()).contains("succeeded: trained");
        KeelProcess.Result cancel = keel("jobs", "cancel", id);
        assertThat(cancel.exitCode()).isEqualTo(2);
        assertThat(cancel.err()).contains("expected: queued or running to cancel");
    }

    @Test
    void trainRejectsAnInvalidSpecListingEveryProblem() throws Exception {
        Path spec = Files.writeString(home.resolve("bad.yaml"),
                JobServer.SPEC.replace("units: 8", "units: -4").replace("epochs: 2", "epochs: 0"));

        KeelProcess.Result train = keel("train", "-f", spec.toString());

        assertThat(train.exitCode()).isEqualTo(2);
        assertThat(train.err()).contains("model.layers[0].units: -4").contains("training.epochs: 0");
    }

    @Test
    void studiesCreateReportsEveryProblemOfAStudyFile() throws Exception {
        Files.writeString(home.resolve("points.yaml"), JobServer.SPEC);
        Path study = Files.writeString(home.resolve("study.yaml"), """
                name: points-lr
                specFile: points.yaml
                searchSpace:
                  training.optimizer.learningRate: {type: logUniform, low: 0.1, high: 0.01}
                objective: {metric: val_accuracy, direction: sideways}
                """);

        KeelProcess.Result create = keel("studies", "create", "-f", study.toString());

        assertThat(create.exitCode()).isEqualTo(2);
        assertThat(create.err()).contains("searchSpace.training.optimizer.learningRate.low/high")
                .contains("objective.direction: sideways");
        assertThat(keel("studies", "list").exitCode()).isZero();
    }
}
