package dev.keel.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.server.KeelProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code keel pipelines} CLI in its own JVM against a real server. */
class PipelineCliTest {
    @TempDir
    static Path home;

    @TempDir
    Path userHome;

    private static PipelineTestServer server;

    @BeforeAll
    static void start() {
        server = PipelineTestServer.start(home);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private KeelProcess.Result keel(String... args) throws Exception {
        return KeelProcess.against(server.server().url(), PipelineTestServer.ADMIN_TOKEN, userHome, userHome,
                Duration.ofSeconds(60)).run(args);
    }

    @Test
    void applyRunWaitAndShowAsJson() throws Exception {
        Path file = Files.writeString(userHome.resolve("hello.yaml"), """
                name: hello
                parameters: {who: world}
                steps:
                  - {name: greet, type: command, params: {command: [echo, "hello ${params.who}"]}}
                """);

        KeelProcess.Result applied = keel("pipelines", "apply", "-f", file.toString());
        KeelProcess.Result ran = keel("pipelines", "run", "hello", "--param", "who=keel", "--wait");

        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("hello");
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("succeeded").contains("greet");
        String runId = ran.out().lines().filter(line -> line.trim().startsWith("id")).findFirst().orElseThrow()
                .trim().split("\\s+")[1];
        KeelProcess.Result shown = keel("pipelines", "show", runId, "--output", "json");
        JsonNode run = new ObjectMapper().readTree(shown.out());
        assertThat(run.path("steps").get(0).path("outputs").path("last_line").asText()).isEqualTo("hello keel");
        assertThat(keel("pipelines", "runs", "hello").out()).contains(runId);
        assertThat(keel("pipelines", "show", runId, "--logs").out()).contains("== greet (succeeded)")
                .contains("$ echo hello keel");
    }

    @Test
    void invalidFileExits2ListingProblemsAndUnknownRunExits3() throws Exception {
        Path file = Files.writeString(userHome.resolve("bad.yaml"), "name: bad\nsteps: [{name: a, type: trian}]\n");

        KeelProcess.Result invalid = keel("pipelines", "apply", "-f", file.toString());
        KeelProcess.Result missing = keel("pipelines", "show", "0123456789abcdef");

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("steps[0].type: trian").contains("did you mean train?");
        assertThat(missing.exitCode()).isEqualTo(3);
    }
}
