package dev.keel.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeelConfigLoaderTest {
    @TempDir
    Path home;

    @Test
    void defaultsPutDatabaseAndBlobsInTheHome() {
        KeelConfig config = new KeelConfigLoader(Map.of()).load(home, Map.of());

        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(7733);
        assertThat(config.server().maxRequestBody().bytes()).isEqualTo(16L << 20);
        assertThat(config.server().maxUpload().bytes()).isEqualTo(64L << 30);
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:" + home.toAbsolutePath().resolve("keel.db"));
        assertThat(config.blobs().localRoot()).isEqualTo(home.toAbsolutePath().resolve("blobs"));
        assertThat(config.datasets().importRoots()).containsExactly(home.toAbsolutePath().resolve("imports"));
    }

    @Test
    void readsTypedValuesFromKeelYaml() throws Exception {
        Files.writeString(home.resolve("keel.yaml"), """
                server:
                  port: 9000
                  maxUpload: 2GB
                  shutdownGrace: 5s
                datasets:
                  importRoots: [/srv/data, /mnt/more]
                """);

        KeelConfig config = new KeelConfigLoader(Map.of()).load(home, Map.of());

        assertThat(config.server().port()).isEqualTo(9000);
        assertThat(config.server().maxUpload().bytes()).isEqualTo(2L << 30);
        assertThat(config.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.datasets().importRoots()).containsExactly(Path.of("/srv/data"), Path.of("/mnt/more"));
    }

    @Test
    void environmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws Exception {
        Files.writeString(home.resolve("keel.yaml"), "server.port: 9000\nserver.maxRequestBody: 1MB\n");
        Map<String, String> env = Map.of("KEEL_PORT", "9100", "KEEL_SERVER_MAX_REQUEST_BODY", "2MB",
                "KEEL_DATABASE_URL", "jdbc:sqlite:/tmp/x.db");

        KeelConfig fromEnv = new KeelConfigLoader(env).load(home, Map.of());
        KeelConfig fromFlag = new KeelConfigLoader(env).load(home, Map.of("server.port", "0"));

        assertThat(fromEnv.server().port()).isEqualTo(9100);
        assertThat(fromEnv.server().maxRequestBody().bytes()).isEqualTo(2L << 20);
        assertThat(fromEnv.database().url()).isEqualTo("jdbc:sqlite:/tmp/x.db");
        assertThat(fromFlag.server().port()).isZero();
    }

    @Test
    void unknownKeySuggestsTheClosestKnownKey() throws Exception {
        Files.writeString(home.resolve("keel.yaml"), "databse:\n  url: jdbc:sqlite:/tmp/x.db\n");

        assertThatThrownBy(() -> new KeelConfigLoader(Map.of()).load(home, Map.of()))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("unknown key 'databse.url' (did you mean 'database.url'?)");
    }

    @Test
    void unknownEnvironmentVariableInAKeelSectionSuggestsTheClosest() {
        assertThatThrownBy(() -> new KeelConfigLoader(Map.of("KEEL_SERVER_PROT", "1")).load(home, Map.of()))
                .hasMessageContaining("unknown environment variable 'KEEL_SERVER_PROT' (did you mean 'KEEL_SERVER_PORT'?)");
    }

    @Test
    void reportsEveryBadValueAtOnce() throws Exception {
        Files.writeString(home.resolve("keel.yaml"), """
                server.port: 99999
                server.maxUpload: lots
                server.shutdownGrace: forever
                database.url: mysql://x
                """);

        assertThatThrownBy(() -> new KeelConfigLoader(Map.of()).load(home, Map.of()))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.details()).containsExactlyInAnyOrder(
                            "server.port: 99999 (expected: 0..65535)",
                            "server.maxUpload: lots (expected: a size such as 64GB)",
                            "server.shutdownGrace: forever (expected: a duration such as 30s)",
                            "database.url: mysql://x (expected: jdbc:sqlite:PATH or jdbc:postgresql://HOST/DB)");
                });
    }

    @Test
    void s3SettingsReplaceTheLocalBlobFolder() {
        Map<String, String> env = Map.of("KEEL_BLOBS_S3_BUCKET", "keel", "KEEL_BLOBS_S3_ENDPOINT", "http://127.0.0.1:9000");

        KeelConfig config = new KeelConfigLoader(env).load(home, Map.of());

        assertThat(config.blobs().localRoot()).isNull();
        assertThat(config.blobs().s3().bucket()).isEqualTo("keel");
        assertThat(config.blobs().s3().pathStyle()).isTrue();
    }

    @Test
    void adminTokenComesFromTheEnvironment() {
        KeelConfig config = new KeelConfigLoader(Map.of("KEEL_ADMIN_TOKEN", "keel_abc")).load(home, Map.of());

        assertThat(config.adminToken()).contains("keel_abc");
    }

    @Test
    void homeFlagWinsOverEnvironmentWhichWinsOverUserHome() {
        Path user = Path.of("/home/someone");

        assertThat(KeelHome.resolve(Optional.of(Path.of("/a")), Map.of("KEEL_HOME", "/b"), user)).isEqualTo(Path.of("/a"));
        assertThat(KeelHome.resolve(Optional.empty(), Map.of("KEEL_HOME", "/b"), user)).isEqualTo(Path.of("/b"));
        assertThat(KeelHome.resolve(Optional.empty(), Map.of(), user)).isEqualTo(Path.of("/home/someone/.keel"));
    }

    @Test
    void parsesSizesAndDurations() {
        assertThat(DataSize.parse("64MB").bytes()).isEqualTo(64L << 20);
        assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
        assertThat(DataSize.parse("1KiB").bytes()).isEqualTo(1024);
        assertThat(HumanDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(HumanDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> DataSize.parse("12 parsecs")).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(DataSize.parse("16MB").toString())).containsExactly("16MB");
    }
}
