package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.client.KeelClient;
import dev.keel.client.KeelClientException;
import dev.keel.client.tokens.CreatedToken;
import dev.keel.client.tokens.TokenInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenApiTest {
    @TempDir
    Path home;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createdTokenWorksAndItsSecretIsNeverListed() {
        CreatedToken created = server.admin().tokens().create("notebook", "viewer");

        List<TokenInfo> tokens = server.admin().tokens().list();

        assertThat(created.token()).startsWith("keel_");
        assertThat(KeelClient.create(server.url(), created.token()).get("/api/v1/whoami", Map.class))
                .containsEntry("name", "notebook");
        assertThat(tokens).extracting(TokenInfo::name).containsExactly("admin", "notebook");
        String listed = server.admin().get("/api/v1/tokens", String.class);
        assertThat(listed).doesNotContain(created.token()).doesNotContain("hash");
    }

    @Test
    void revokedTokenIsListedWithItsRevocationTime() {
        server.admin().tokens().create("old", "editor");

        server.admin().tokens().revoke("old");

        assertThat(server.admin().tokens().list()).filteredOn(t -> t.name().equals("old"))
                .singleElement().satisfies(t -> assertThat(t.revokedAt()).isNotNull());
    }

    @Test
    void duplicateNameIsAConflict() {
        server.admin().tokens().create("twice", "viewer");

        assertThatThrownBy(() -> server.admin().tokens().create("twice", "viewer"))
                .isInstanceOfSatisfying(KeelClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("ALREADY_EXISTS");
                });
    }

    @Test
    void badNameAndRoleAreBothReported() {
        assertThatThrownBy(() -> server.admin().tokens().create("", "owner"))
                .isInstanceOfSatisfying(KeelClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).hasSize(2);
                    assertThat(e.details().get(0)).startsWith("name: ");
                    assertThat(e.details().get(1)).isEqualTo("role: owner (expected: viewer, editor or admin)");
                });
    }

    @Test
    void revokingAnUnknownTokenIsNotFound() {
        assertThatThrownBy(() -> server.admin().tokens().revoke("nobody"))
                .isInstanceOfSatisfying(KeelClientException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void theLastActiveAdminTokenCannotBeRevoked() {
        assertThatThrownBy(() -> server.admin().tokens().revoke("admin"))
                .isInstanceOfSatisfying(KeelClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("IN_USE");
                });
    }
}
