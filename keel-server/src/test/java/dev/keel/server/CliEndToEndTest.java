package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code keel} CLI ({@code dev.keel.server.Main}) as a separate process against a real server. */
class CliEndToEndTest {
    @TempDir
    static Path home;

    @TempDir
    Path userHome;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(home);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private KeelProcess.Result keel(Map<String, String> env, String... args) throws Exception {
        return new KeelProcess(userHome, userHome, List.of(), Duration.ofSeconds(60)).run(env, args);
    }

    private KeelProcess.Result keel(String... args) throws Exception {
        return keel(Map.of(), args);
    }

    private String url() {
        return server.url().toString();
    }

    @Test
    void tokenListPrintsATable() throws Exception {
        KeelProcess.Result result = keel("token", "list", "--url", url(), "--token", TestServer.ADMIN_TOKEN);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("NAME", "ROLE", "REVOKED");
        assertThat(result.out()).containsPattern("(?m)^tok_\\S+\\s+admin\\s+admin\\s");
    }

    @Test
    void tokenCreateThenListAsJson() throws Exception {
        KeelProcess.Result created = keel("token", "create", "cli-made", "--role", "editor", "--output", "json",
                "--url", url(), "--token", TestServer.ADMIN_TOKEN);
        KeelProcess.Result listed = keel("--output", "json", "token", "list", "--url", url(), "--token", TestServer.ADMIN_TOKEN);

        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode token = new ObjectMapper().readTree(created.out());
        assertThat(token.path("token").asText()).startsWith("keel_");
        JsonNode list = new ObjectMapper().readTree(listed.out());
        assertThat(list.isArray()).isTrue();
        assertThat(list.findValuesAsText("name")).contains("admin", "cli-made");
        assertThat(listed.out()).doesNotContain(token.path("token").asText());
    }

    @Test
    void invalidTokenExitsWithFiveAndTheServersMessage() throws Exception {
        KeelProcess.Result result = keel("token", "list", "--url", url(), "--token", "keel_wrong");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).startsWith("error: invalid API token");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void revokingAnUnknownTokenExitsWithThree() throws Exception {
        KeelProcess.Result result = keel("token", "revoke", "nobody", "--url", url(), "--token", TestServer.ADMIN_TOKEN);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("error: token nobody not found");
    }

    @Test
    void invalidRoleExitsWithTwoListingTheProblem() throws Exception {
        KeelProcess.Result result = keel("token", "create", "someone", "--role", "owner", "--url", url(),
                "--token", TestServer.ADMIN_TOKEN);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("role: owner (expected: viewer, editor or admin)");
    }

    @Test
    void duplicateTokenNameExitsWithFour() throws Exception {
        keel("token", "create", "dup", "--url", url(), "--token", TestServer.ADMIN_TOKEN);

        KeelProcess.Result result = keel("token", "create", "dup", "--url", url(), "--token", TestServer.ADMIN_TOKEN);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).contains("already exists");
    }

    @Test
    void loginSavesTheTargetForLaterCommands() throws Exception {
        Map<String, String> env = Map.of("KEEL_CONFIG", userHome.resolve("cli.yaml").toString());

        KeelProcess.Result login = keel(env, "login", "--url", url(), "--token", TestServer.ADMIN_TOKEN);
        KeelProcess.Result list = keel(env, "token", "list");

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("logged in to " + url() + " as admin (admin)");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("admin");
    }

    @Test
    void environmentSuppliesUrlAndToken() throws Exception {
        KeelProcess.Result result = keel(Map.of("KEEL_URL", url(), "KEEL_TOKEN", TestServer.ADMIN_TOKEN), "token", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    @Test
    void versionShowsClientAndServer() throws Exception {
        KeelProcess.Result result = keel("version", "--url", url(), "--token", TestServer.ADMIN_TOKEN);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("keel 0.").contains("server 0.");
    }

    @Test
    void serverRefusesToStartWithAMisspeltConfigKey() throws Exception {
        Path badHome = userHome.resolve("keel-home");
        Files.createDirectories(badHome);
        Files.writeString(badHome.resolve("keel.yaml"), "databse:\n  url: jdbc:sqlite:x.db\n");

        KeelProcess.Result result = keel("server", "--home", badHome.toString(), "--port", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown key 'databse.url' (did you mean 'database.url'?)");
        assertThat(new File(badHome.toFile(), "keel.db")).doesNotExist();
    }

    @Test
    void serverCommandPrintsUrlAndFirstAdminTokenAndStopsOnSigterm() throws Exception {
        Path serverHome = userHome.resolve("server-home");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "server", "--home", serverHome.toString(), "--port", "0");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("KEEL_"));
        Process process = builder.start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String listening = lines.readLine();
            String token = lines.readLine();
            assertThat(listening).startsWith("Keel server listening on http://127.0.0.1:");
            assertThat(token).startsWith("Admin token (shown once, store it now): keel_");
            String url = listening.split(" ")[4];
            String secret = token.substring(token.indexOf("keel_"));

            KeelProcess.Result list = keel("token", "list", "--url", url, "--token", secret);

            assertThat(list.exitCode()).as(list.err()).isZero();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
