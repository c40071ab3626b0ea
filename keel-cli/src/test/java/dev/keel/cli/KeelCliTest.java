package dev.keel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeelCliTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return KeelCli.commandLine(env, home, new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    @Test
    void globalOptionsAreAcceptedAfterTheSubcommand() {
        int code = run(Map.of(), "version", "--url", "http://127.0.0.1:1", "--output", "json");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"server\" : \"unreachable (http://127.0.0.1:1)\"");
    }

    @Test
    void unreachableServerExitsWithOneAndSaysWhere() {
        int code = run(Map.of(), "token", "list", "--url", "http://127.0.0.1:1", "--token", "keel_x");

        assertThat(code).isEqualTo(ExitCodes.OTHER);
        assertThat(err.toString()).startsWith("error: cannot reach Keel server at http://127.0.0.1:1");
    }

    @Test
    void everySubcommandAnswersHelp() {
        int code = run(Map.of(), "datasets", "commit", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: keel datasets commit");
    }

    @Test
    void badOptionValueExitsWithTwo() {
        int code = run(Map.of(), "token", "list", "--output", "yaml");

        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("--output: yaml (expected: table or json)");
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheSavedFile() {
        CliConfigFile file = new CliConfigFile(home.resolve("cli.yaml"));
        file.write(new CliConfigFile.Saved("http://saved:1", "keel_saved"));
        Map<String, String> env = Map.of("KEEL_URL", "http://env:2");

        assertThat(ServerTarget.resolve(null, null, Map.of(), file))
                .isEqualTo(new ServerTarget(URI.create("http://saved:1"), Optional.of("keel_saved")));
        assertThat(ServerTarget.resolve(null, null, env, file).url()).isEqualTo(URI.create("http://env:2"));
        assertThat(ServerTarget.resolve("http://flag:3", "keel_flag", env, file))
                .isEqualTo(new ServerTarget(URI.create("http://flag:3"), Optional.of("keel_flag")));
        assertThat(ServerTarget.resolve(null, null, Map.of(), new CliConfigFile(home.resolve("none.yaml"))).url())
                .isEqualTo(URI.create(ServerTarget.DEFAULT_URL));
    }

    @Test
    void tablesAlignColumnsAndShowNullsAsDashes() {
        String table = TableRenderer.render(List.of("name", "role"),
                List.of(List.of("admin", "admin"), Arrays.asList("ci-bot", null)));

        assertThat(table).isEqualTo("NAME    ROLE\nadmin   admin\nci-bot  -\n");
    }
}
