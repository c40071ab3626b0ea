package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keel models …} as a user runs it: the real CLI in its own process against a real server. */
class ModelCliTest {
    @TempDir
    static Path home;

    @TempDir
    Path work;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(home);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private KeelProcess.Result keel(String... args) throws Exception {
        return KeelProcess.against(server.url(), TestServer.ADMIN_TOKEN, work, work, Duration.ofSeconds(90)).run(args);
    }

    @Test
    void registersAliasesReadsHistoryAndRollsBackFromTheCommandLine() throws Exception {
        Path model = Path.of("../keel-serve/src/test/resources/models/ch_ppocr_mobile_v2.0_cls_infer.onnx").toAbsolutePath();

        KeelProcess.Result first = keel("models", "register", "ocr", model.toString(), "-d", "first");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("registered ocr version 1 (onnx, ");
        assertThat(keel("models", "register", "ocr", model.toString()).out()).contains("registered ocr version 2");
        assertThat(keel("models", "alias", "ocr", "production", "1").out()).contains("ocr@production: - -> 1");
        assertThat(keel("models", "alias", "ocr", "production", "2", "--reason", "newer").out())
                .contains("ocr@production: 1 -> 2");

        KeelProcess.Result rollback = keel("models", "rollback", "ocr", "production");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("ocr@production rolled back: 2 -> 1");

        KeelProcess.Result history = keel("models", "history", "ocr", "--alias", "production", "--output", "json");
        JsonNode events = new ObjectMapper().readTree(history.out()).path("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(1).path("reason").asText()).isEqualTo("newer");
        KeelProcess.Result versions = keel("models", "versions", "ocr");
        assertThat(versions.out()).contains("production").contains("onnx");
        KeelProcess.Result show = keel("models", "show", "ocr@production");
        assertThat(show.out()).contains("[-1,3,-1,-1]");
        assertThat(keel("models", "list").out()).contains("ocr");
    }

    @Test
    void deploysAnAliasPredictsAndUndeploysFromTheCommandLine() throws Exception {
        Path model = Path.of("../keel-serve/src/test/resources/models/ch_ppocr_mobile_v2.0_cls_infer.onnx").toAbsolutePath();
        assertThat(keel("models", "register", "cls", model.toString()).exitCode()).isZero();
        assertThat(keel("models", "alias", "cls", "production", "1").exitCode()).isZero();

        KeelProcess.Result deployed = keel("endpoints", "deploy", "ocr-cls", "cls@production", "--max-batch-size", "4",
                "--max-queue-delay-us", "0");
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
        assertThat(deployed.out()).contains("ocr-cls").contains("production");
        assertThat(keel("endpoints", "list").out()).contains("ocr-cls");
        JsonNode shown = new ObjectMapper().readTree(keel("endpoints", "show", "ocr-cls", "--output", "json").out());
        assertThat(shown.path("maxBatchSize").asInt()).isEqualTo(4);
        assertThat(shown.path("version").asText()).isEqualTo("1");

        StringBuilder zeros = new StringBuilder();
        for (int i = 0; i < 3 * 48 * 192; i++) {
            zeros.append(i == 0 ? "" : ",").append('0');
        }
        Path request = Files.writeString(work.resolve("request.json"),
                "{\"inputs\": {\"x\": {\"dtype\": \"float32\", \"shape\": [1, 3, 48, 192], \"data\": [" + zeros + "]}}}");
        KeelProcess.Result predicted = keel("endpoints", "predict", "ocr-cls", request.toString());
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        JsonNode answer = new ObjectMapper().readTree(predicted.out());
        assertThat(answer.path("version").asText()).isEqualTo("1");
        assertThat(answer.path("outputs").elements().next().path("shape").toString()).isEqualTo("[1,2]");

        Path wrong = Files.writeString(work.resolve("wrong.json"),
                "{\"inputs\": {\"z\": {\"dtype\": \"float32\", \"shape\": [1, 1], \"data\": [0]}}}");
        KeelProcess.Result rejected = keel("endpoints", "predict", "ocr-cls", wrong.toString());
        assertThat(rejected.exitCode()).isEqualTo(2);
        assertThat(rejected.err()).contains("x");

        assertThat(keel("endpoints", "undeploy", "ocr-cls").out()).contains("undeployed ocr-cls");
        KeelProcess.Result gone = keel("endpoints", "show", "ocr-cls");
        assertThat(gone.exitCode()).isEqualTo(3);
    }

    @Test
    void registeringACorruptFileFailsWithTheReason() throws Exception {
        Path corrupt = Files.write(work.resolve("broken.onnx"), new byte[] {8, 1, 2, 3});

        KeelProcess.Result result = keel("models", "register", "broken", corrupt.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("model file: not a loadable ONNX model");
    }
}
