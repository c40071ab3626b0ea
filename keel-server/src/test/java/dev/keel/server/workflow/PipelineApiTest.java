package dev.keel.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/pipelines} on a real server: bad input, unknown names, roles, a failing step's reason and logs. */
class PipelineApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private static PipelineTestServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = PipelineTestServer.start(home);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.server().url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void invalidPipelineIs400ListingEveryProblemWithItsPath() throws Exception {
        String spec = """
                name: broken
                steps:
                  - {name: a, type: trian}
                  - {name: b, type: evaluate, params: {run: "${steps.nope.outputs.run_id}"}}
                  - {name: c, type: promote, params: {model: m, candidate: "${steps.d.outputs.v}", alias: x, metric: y}}
                  - {name: d, type: register, params: {run: "${steps.c.outputs.v}", model: m}}
                """;

        HttpResponse<String> response = send("POST", "/api/v1/pipelines", PipelineTestServer.ADMIN_TOKEN,
                Map.of("spec", spec));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode details = JSON.readTree(response.body()).path("error").path("details");
        assertThat(details.toString()).contains("steps[0].type: trian").contains("did you mean train?")
                .contains("steps[1].params.run: ${steps.nope.outputs.run_id}")
                .contains("steps: cycle c -> d -> c");
        assertThat(details.size()).isEqualTo(3);
    }

    @Test
    void unknownPipelineAndRunAre404() throws Exception {
        assertThat(send("GET", "/api/v1/pipelines/ghost", PipelineTestServer.ADMIN_TOKEN, null).statusCode())
                .isEqualTo(404);
        assertThat(send("POST", "/api/v1/pipelines/ghost/runs", PipelineTestServer.ADMIN_TOKEN, Map.of())
                .statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/pipeline-runs/0123456789abcdef", PipelineTestServer.ADMIN_TOKEN, null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void commandStepsNeedTheAdminRole() throws Exception {
        String editor = server.admin().tokens().create("editor-" + System.nanoTime(), "editor").token();
        String spec = "name: shell\nsteps: [{name: s, type: command, params: {command: [echo, hi]}}]\n";

        assertThat(send("POST", "/api/v1/pipelines", editor, Map.of("spec", spec)).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/pipelines", PipelineTestServer.ADMIN_TOKEN, Map.of("spec", spec))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void aFailingCommandShowsItsReasonAndLogAndSkipsWhatFollows() throws Exception {
        server.pipelines().apply("""
                name: failing
                parameters: {word: hello}
                steps:
                  - {name: fails, type: command, params: {command: [sh, -c, "echo said ${params.word}; exit 3"]}}
                  - {name: after, type: command, needs: [fails], params: {command: [echo, never]}}
                """);

        var run = server.awaitEnded(server.pipelines().run("failing", Map.of("word", "bye")).id());

        assertThat(run.state()).isEqualTo("failed");
        assertThat(run.reason()).isEqualTo("step fails failed: command exited with 3: said bye");
        assertThat(run.step("fails").log()).contains("$ sh -c echo said bye; exit 3").contains("said bye");
        assertThat(run.step("after").state()).isEqualTo("skipped");
        assertThat(run.step("after").attempt()).isZero();
    }

    @Test
    void anUnreachableWebhookIsRetriedWithBackoffAndDoesNotFailThePipeline() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        server.pipelines().apply("""
                name: notifying
                steps:
                  - {name: tell, type: notify, params: {url: "http://127.0.0.1:%d/hook", attempts: 3, backoff: 50ms}}
                  - {name: after, type: command, needs: [tell], params: {command: [echo, "${steps.tell.outputs.delivered}"]}}
                """.formatted(closedPort));

        var run = server.awaitEnded(server.pipelines().run("notifying", Map.of()).id());

        assertThat(run.state()).isEqualTo("succeeded");
        assertThat(run.step("tell").outputs()).containsEntry("delivered", "false");
        assertThat(run.step("tell").log()).contains("attempt 1 to").contains("attempt 3 to").contains("giving up");
        assertThat(run.step("after").outputs()).containsEntry("last_line", "false");
    }

    @Test
    void aWebhookReceivesTheNotification() throws Exception {
        var received = new java.util.concurrent.CopyOnWriteArrayList<String>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try {
            server.pipelines().apply("""
                    name: hooked
                    steps:
                      - {name: tell, type: notify, params: {url: "http://127.0.0.1:%d/hook", body: {run: "${run.id}"}}}
                    """.formatted(hook.getAddress().getPort()));

            var run = server.awaitEnded(server.pipelines().run("hooked", Map.of()).id());

            assertThat(run.step("tell").outputs()).containsEntry("delivered", "true").containsEntry("status", "204");
            assertThat(received).containsExactly("{\"run\":\"" + run.id() + "\"}");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void importDatasetCommitsAFolderInsideTheImportRootsAndRefusesOthers() throws Exception {
        Path folder = Files.createDirectories(home.resolve("imports").resolve("tiny"));
        Files.writeString(folder.resolve("rows.csv"), "x,label\n1,a\n2,b\n");
        Path outside = Files.createDirectories(home.resolve("elsewhere"));
        server.pipelines().apply("""
                name: importer
                parameters: {path: null}
                steps: [{name: imp, type: import-dataset, params: {dataset: tiny, path: "${params.path}", tags: [latest]}}]
                """);

        var imported = server.awaitEnded(server.pipelines().run("importer", Map.of("path", folder.toString())).id());
        var refused = server.awaitEnded(server.pipelines().run("importer", Map.of("path", outside.toString())).id());

        assertThat(imported.state()).as(imported.toString()).isEqualTo("succeeded");
        assertThat(imported.step("imp").outputs()).containsEntry("ref", "tiny@1");
        assertThat(server.admin().get("/api/v1/datasets/tiny/versions/latest", JsonNode.class).toString())
                .contains("rows.csv");
        assertThat(refused.state()).isEqualTo("failed");
        assertThat(refused.step("imp").reason()).startsWith("params.path: " + outside.toAbsolutePath().normalize())
                .contains("expected: inside the import roots");
    }

    @Test
    void unknownRunParameterIs400WithASuggestion() throws Exception {
        server.pipelines().apply("name: params\nparameters: {epochs: 1}\nsteps: [{name: s, type: evaluate, params: {run: r}}]\n");

        HttpResponse<String> response = send("POST", "/api/v1/pipelines/params/runs", PipelineTestServer.ADMIN_TOKEN,
                Map.of("params", Map.of("epoch", "2")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("params.epoch: unknown parameter").contains("did you mean epochs?");
    }

    @Test
    void theShippedRetrainExampleIsAValidPipeline() throws Exception {
        String example = Files.readString(Path.of("..", "examples", "retrain-fashion-mnist.yaml"));

        var pipeline = server.pipelines().apply(example);

        assertThat(pipeline.name()).isEqualTo("retrain-fashion-mnist");
        assertThat(pipeline.triggers()).containsExactly("new version of dataset fashion-mnist");
        assertThat(pipeline.steps()).extracting(s -> s.name())
                .containsExactly("train", "evaluate", "register", "promote", "deploy");
    }
}
