package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.client.KeelClient;
import dev.keel.client.tokens.CreatedToken;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthTest {
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

    private String tokenWithRole(String role) {
        return server.admin().tokens().create(role + "-user", role).token();
    }

    @Test
    void requestWithoutTokenIs401InTheErrorShape() throws Exception {
        HttpResponse<String> response = server.send("GET", "/api/v1/whoami", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"UNAUTHENTICATED\"").contains("missing API token");
    }

    @Test
    void unknownTokenIs401() throws Exception {
        assertThat(server.send("GET", "/api/v1/whoami", "keel_not-a-real-token", null).statusCode()).isEqualTo(401);
    }

    @Test
    void revokedTokenIs401() throws Exception {
        String token = tokenWithRole("viewer");
        server.admin().tokens().revoke("viewer-user");

        HttpResponse<String> response = server.send("GET", "/api/v1/whoami", token, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("has been revoked");
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        "viewer, GET, /api/v1/whoami, 200",
        "viewer, POST, /api/v1/blobs, 403",
        "viewer, GET, /api/v1/tokens, 403",
        "editor, POST, /api/v1/blobs, 201",
        "editor, GET, /api/v1/tokens, 403",
        "admin, GET, /api/v1/tokens, 200",
        "admin, POST, /api/v1/blobs, 201",
    })
    void rolesIncludeTheLowerOnesOnly(String role, String method, String path, int status) throws Exception {
        String token = role.equals("admin") ? TestServer.ADMIN_TOKEN : tokenWithRole(role);

        HttpResponse<String> response = server.send(method, path, token, method.equals("POST") ? "abc" : null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 403) {
            assertThat(response.body()).contains("\"code\":\"PERMISSION_DENIED\"").contains("has role " + role);
        }
    }

    @Test
    void metricsNeedAToken() throws Exception {
        assertThat(server.send("GET", "/metrics", null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> response = server.send("GET", "/metrics", tokenWithRole("viewer"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("armeria_server");
    }

    @Test
    void principalNameReachesHandlers() {
        CreatedToken created = server.admin().tokens().create("ci-bot", "editor");

        var me = KeelClient.create(server.url(), created.token()).get("/api/v1/whoami", java.util.Map.class);

        assertThat(me).containsEntry("name", "ci-bot").containsEntry("role", "editor");
    }

    @Test
    void configuredAdminTokenIsStoredOnlyAsItsHash() {
        List<String> stored = server.server().metadata().jdbi().withHandle(handle ->
                handle.createQuery("SELECT token_hash FROM api_tokens").mapTo(String.class).list());

        assertThat(stored).hasSize(1).noneMatch(hash -> hash.contains(TestServer.ADMIN_TOKEN));
        assertThat(server.server().generatedAdminToken()).isEmpty();
    }
}
