package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.cli.KeelCli;
import dev.keel.client.KeelClientException;
import dev.keel.client.tracking.ArtifactEntry;
import dev.keel.client.tracking.ExperimentInfo;
import dev.keel.client.tracking.MetricPoint;
import dev.keel.client.tracking.RunComparison;
import dev.keel.client.tracking.RunDetails;
import dev.keel.client.tracking.RunList;
import dev.keel.client.tracking.RunSearch;
import dev.keel.client.tracking.TrackingClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/experiments} and {@code /api/v1/runs} through the Java client and the CLI, on a real server. */
class TrackingApiTest {
    @TempDir
    Path home;

    private TestServer server;
    private TrackingClient tracking;

    @BeforeEach
    void start() {
        server = TestServer.start(home);
        tracking = server.admin().tracking();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Runs a and b in experiment "cnn": a (lr 0.01, val_accuracy 0.93), b (lr 0.1, val_accuracy 0.88). */
    private List<RunDetails> seed() {
        tracking.createExperiment("cnn", Map.of("team", "vision"));
        RunDetails a = tracking.createRun("cnn", "a", Map.of("lr", "0.01"), Map.of());
        RunDetails b = tracking.createRun("cnn", "b", Map.of("lr", "0.1"), Map.of());
        tracking.log(a.id(), List.of(new MetricPoint("val_accuracy", 0.90, 1, 10), new MetricPoint("val_accuracy", 0.93, 2, 20)),
                Map.of(), Map.of("model", "lenet"));
        tracking.log(b.id(), List.of(new MetricPoint("val_accuracy", 0.88, 2, 20)), Map.of("wd", "0.001"), Map.of());
        return List.of(tracking.run(a.id()), tracking.run(b.id()));
    }

    @Test
    void experimentsAreCreatedListedAndFoundByName() {
        ExperimentInfo created = tracking.createExperiment("mnist", Map.of("team", "vision"));

        assertThat(tracking.experiment("mnist")).isEqualTo(created);
        assertThat(tracking.experiments()).extracting(ExperimentInfo::name).containsExactly("Default", "mnist");
        assertThatThrownBy(() -> tracking.createExperiment("mnist", Map.of()))
                .isInstanceOfSatisfying(KeelClientException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void runShowsParamsLatestMetricsTagsAndStatus() {
        RunDetails a = seed().getFirst();

        RunDetails finished = tracking.updateRun(a.id(), null, "succeeded", null, null);

        assertThat(a.params()).containsEntry("lr", "0.01");
        assertThat(a.metrics().get("val_accuracy").value()).isEqualTo(0.93);
        assertThat(a.tags()).containsEntry("model", "lenet");
        assertThat(finished.status()).isEqualTo("FINISHED");
        assertThat(finished.keelStatus()).isEqualTo("succeeded");
        assertThat(finished.endTime()).isNotNull();
    }

    @Test
    void searchFiltersAndSortsAcrossExperiments() {
        seed();

        RunList byAccuracy = tracking.search(RunSearch.of(List.of(), "metrics.val_accuracy > 0.8", List.of("metrics.val_accuracy ASC")));
        RunList byParam = tracking.search(RunSearch.of(List.of("cnn"), "params.lr = '0.01'", List.of()));

        assertThat(byAccuracy.runs()).extracting(RunDetails::name).containsExactly("b", "a");
        assertThat(byParam.runs()).extracting(RunDetails::name).containsExactly("a");
    }

    @Test
    void badFilterIsA400NamingTheProblem() {
        assertThatThrownBy(() -> tracking.search(RunSearch.of(List.of(), "metrics.acc >", List.of())))
                .isInstanceOfSatisfying(KeelClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("filter: end of filter at character 14");
                });
    }

    @Test
    void compareAndMetricHistory() {
        List<RunDetails> runs = seed();

        RunComparison comparison = tracking.compare(List.of(runs.get(0).id(), runs.get(1).id()));
        List<MetricPoint> history = tracking.metricHistory(runs.get(0).id(), "val_accuracy");

        assertThat(comparison.params().get("lr")).containsExactly("0.01", "0.1");
        assertThat(comparison.params().get("wd")).containsExactly(null, "0.001");
        assertThat(comparison.metrics().get("val_accuracy")).containsExactly(0.93, 0.88);
        assertThat(history).extracting(MetricPoint::step, MetricPoint::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0.90), org.assertj.core.groups.Tuple.tuple(2L, 0.93));
    }

    @Test
    void artifactsUploadThroughBlobsOrStreamedPutAndDownload() throws Exception {
        RunDetails run = seed().getFirst();
        Path file = home.resolve("weights.bin");
        Files.write(file, "model weights".getBytes(StandardCharsets.UTF_8));

        ArtifactEntry linked = tracking.uploadArtifact(run.id(), "model/weights.bin", file, n -> {});
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/api/v1/runs/" + run.id() + "/artifacts/plots/loss.txt"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString("loss curve")).build(), HttpResponse.BodyHandlers.ofString());
        ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
        tracking.downloadArtifact(run.id(), "plots/loss.txt", downloaded);

        assertThat(linked.size()).isEqualTo(13);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(downloaded.toString(StandardCharsets.UTF_8)).isEqualTo("loss curve");
        assertThat(tracking.artifacts(run.id())).extracting(ArtifactEntry::path)
                .containsExactly("model/weights.bin", "plots/loss.txt");
    }

    @Test
    void viewerCannotLog() {
        RunDetails run = seed().getFirst();
        String viewer = server.admin().tokens().create("reader", "viewer").token();

        assertThatThrownBy(() -> server.client(viewer).tracking().log(run.id(), List.of(), Map.of("x", "1"), Map.of()))
                .isInstanceOfSatisfying(KeelClientException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void cliListsFiltersComparesAndShowsHistory() {
        List<RunDetails> runs = seed();

        String list = cli("runs", "list", "--experiment", "cnn", "--filter", "metrics.val_accuracy > 0.9",
                "--sort", "metrics.val_accuracy DESC", "--metric", "val_accuracy");
        String compare = cli("runs", "compare", runs.get(0).id(), runs.get(1).id());
        String history = cli("runs", "metrics", runs.get(0).id(), "val_accuracy");
        String experiments = cli("experiments", "list");

        assertThat(list.lines().toList()).hasSize(2);
        assertThat(list).contains(runs.get(0).id()).contains("0.930000").doesNotContain(runs.get(1).id());
        assertThat(compare.lines()).anySatisfy(line -> assertThat(line).matches("params\\.lr\\s+0\\.01\\s+0\\.1"));
        assertThat(compare.lines()).anySatisfy(line -> assertThat(line).matches("params\\.wd\\s+-\\s+0\\.001"));
        assertThat(history.lines().toList()).hasSize(3);
        assertThat(experiments).contains("cnn").contains("team=vision");
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--url", server.url().toString(), "--token", TestServer.ADMIN_TOKEN))
                .toArray(String[]::new);
        int code = KeelCli.commandLine(Map.of(), home, new PrintWriter(out), new PrintWriter(err)).execute(full);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }
}
