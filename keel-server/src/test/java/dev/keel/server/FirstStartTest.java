package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.client.KeelClient;
import dev.keel.core.config.KeelConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartTest {
    @TempDir
    Path home;

    @Test
    void firstStartGeneratesAnAdminTokenOnceAndLaterStartsDoNot() {
        var config = KeelConfigLoader.loadOrThrow(home, Map.of(), Map.of("server.port", "0"));
        String token;
        try (KeelServer first = new KeelServer(config, Clock.systemUTC()).start()) {
            token = first.generatedAdminToken().orElseThrow();
            assertThat(token).matches("keel_[A-Za-z0-9_-]{43}");
            assertThat(KeelClient.create(first.url(), token).tokens().list()).hasSize(1);
        }
        try (KeelServer second = new KeelServer(config, Clock.systemUTC()).start()) {
            assertThat(second.generatedAdminToken()).isEmpty();
            assertThat(KeelClient.create(second.url(), token).get("/api/v1/whoami", Map.class))
                    .containsEntry("role", "admin");
        }
    }
}
