package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** /api/v1/models and MLflow's registry endpoints on a real server, with a real third-party ONNX model. */
class ModelRegistryApiTest {
    /** PaddleOCR's text-direction classifier (MIT/Apache-2.0), the keel-serve test fixture. */
    private static final Path ONNX = Path.of("../keel-serve/src/test/resources/models/ch_ppocr_mobile_v2.0_cls_infer.onnx");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private TestServer server;
    private String editor;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        server = TestServer.start(home);
        editor = server.admin().tokens().create("ml", "editor").token();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> upload(String model, byte[] bytes, String filename) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/models/" + model
                        + "/versions/upload?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + editor)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUploadedOnnxModelIsAliasedMovedAndRolledBackWithItsHistory() throws Exception {
        byte[] model = Files.readAllBytes(ONNX);
        assertThat(upload("ocr-cls", model, "cls.onnx").statusCode()).isEqualTo(201);
        HttpResponse<String> second = upload("ocr-cls", model, "cls.onnx");
        JsonNode version = JSON.readTree(second.body());
        assertThat(version.path("version").asInt()).isEqualTo(2);
        assertThat(version.path("signature").path("inputs").get(0).path("shape").toString()).isEqualTo("[-1,3,-1,-1]");

        assertThat(server.send("PUT", "/api/v1/models/ocr-cls/aliases/production", editor, "{\"version\": 1}").statusCode())
                .isEqualTo(200);
        assertThat(server.send("PUT", "/api/v1/models/ocr-cls/aliases/production", editor, "{\"version\": 2}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> rollback = server.send("POST", "/api/v1/models/ocr-cls/aliases/production/rollback", editor, null);

        assertThat(JSON.readTree(rollback.body()).path("toVersion").asInt()).isEqualTo(1);
        JsonNode production = JSON.readTree(server.send("GET", "/api/v1/models/ocr-cls/versions/production", editor, null).body());
        assertThat(production.path("version").asInt()).isEqualTo(1);
        JsonNode history = JSON.readTree(server.send("GET", "/api/v1/models/ocr-cls/history?alias=production&at="
                + System.currentTimeMillis(), editor, null).body());
        assertThat(history.path("events")).hasSize(3);
        assertThat(history.path("versionAt").asInt()).isEqualTo(1);
        assertThat(history.path("events").get(2).path("actor").asText()).isEqualTo("ml");
    }

    @Test
    void aCorruptUploadIs400WithTheReason() throws Exception {
        byte[] model = Files.readAllBytes(ONNX);
        HttpResponse<String> response = upload("broken", Arrays.copyOf(model, model.length / 2), "broken.onnx");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("model file: not a loadable ONNX model");
        assertThat(server.send("GET", "/api/v1/models/broken", editor, null).statusCode()).isEqualTo(404);
    }

    @Test
    void exportingAVersionThatIsNotAKeelBundleIs400() throws Exception {
        upload("ocr-cls", Files.readAllBytes(ONNX), "cls.onnx");

        HttpResponse<String> response = server.send("POST", "/api/v1/models/ocr-cls/versions/1/export", editor, "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("format onnx (expected: keel");
    }

    @Test
    void theMlflowClientRegistersReadsAndAliasesAVersionFromARunArtifact() throws Exception {
        try (MlflowClient mlflow = new MlflowClient(new BasicMlflowHostCreds(server.url().toString(), editor))) {
            String runId = mlflow.createRun().getRunId();
            HttpResponse<String> artifact = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/runs/" + runId
                            + "/artifacts/model.onnx")).header("Authorization", "Bearer " + editor)
                    .PUT(HttpRequest.BodyPublishers.ofFile(ONNX)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(artifact.statusCode()).isEqualTo(201);

            mlflow.sendPost("registered-models/create", "{\"name\": \"ocr\", \"description\": \"direction\"}");
            String created = mlflow.sendPost("model-versions/create",
                    "{\"name\": \"ocr\", \"source\": \"runs:/" + runId + "/model.onnx\", \"run_id\": \"" + runId + "\"}");
            assertThat(JSON.readTree(created).path("model_version").path("version").asText()).isEqualTo("1");
            mlflow.sendPost("registered-models/alias", "{\"name\": \"ocr\", \"alias\": \"champion\", \"version\": \"1\"}");
            mlflow.sendPatch("model-versions/update", "{\"name\": \"ocr\", \"version\": \"1\", \"description\": \"first\"}");
            mlflow.sendPost("model-versions/set-tag", "{\"name\": \"ocr\", \"version\": \"1\", \"key\": \"k\", \"value\": \"v\"}");

            ModelVersion version = mlflow.getModelVersion("ocr", "1");
            assertThat(version.getRunId()).isEqualTo(runId);
            assertThat(version.getSource()).isEqualTo("runs:/" + runId + "/model.onnx");
            assertThat(version.getDescription()).isEqualTo("first");
            assertThat(version.getAliasesList()).containsExactly("champion");
            assertThat(version.getTagsList()).anySatisfy(tag -> assertThat(tag.getKey()).isEqualTo("k"));
            assertThat(mlflow.getLatestVersions("ocr")).extracting(ModelVersion::getVersion).containsExactly("1");
            assertThat(mlflow.getRegisteredModel("ocr").getDescription()).isEqualTo("direction");
            assertThat(mlflow.getRegisteredModel("ocr").getAliasesList()).anySatisfy(alias ->
                    assertThat(alias.getAlias()).isEqualTo("champion"));
            assertThat(mlflow.searchModelVersions("name='ocr'").getItems()).hasSize(1);
            assertThat(mlflow.getModelVersionDownloadUri("ocr", "1")).isEqualTo("runs:/" + runId + "/model.onnx");
            assertThat(JSON.readTree(mlflow.sendGet("registered-models/alias?name=ocr&alias=champion"))
                    .path("model_version").path("version").asText()).isEqualTo("1");
        }
    }

    @Test
    void mlflowErrorsUseMlflowsShape() {
        try (MlflowClient mlflow = new MlflowClient(new BasicMlflowHostCreds(server.url().toString(), editor))) {
            assertThatThrownBy(() -> mlflow.getModelVersion("missing", "1"))
                    .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(404);
                        assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
                    });
            mlflow.sendPost("registered-models/create", "{\"name\": \"dup\"}");
            assertThatThrownBy(() -> mlflow.sendPost("registered-models/create", "{\"name\": \"dup\"}"))
                    .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage())
                            .contains("RESOURCE_ALREADY_EXISTS"));
        }
    }
}
