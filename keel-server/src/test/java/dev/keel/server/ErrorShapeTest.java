package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.config.DataSize;
import dev.keel.core.config.ServerConfig;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiRoutes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A route that fails the way a bug would: with an exception Keel did not expect. */
    private static final ApiRoutes CRASHING = router -> router.get("/test/crash", Role.VIEWER, request -> {
        throw new IllegalStateException("secret internals at Foo.java:42");
    });

    @TempDir
    Path home;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(home, settings -> new ServerConfig(settings.host(), 0, DataSize.parse("1KB"),
                DataSize.parse("4KB"), settings.shutdownGrace(), settings.requestTimeout(), 2), List.of(CRASHING));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").isTextual()).as(response.body()).isTrue();
        assertThat(error.path("message").isTextual()).isTrue();
        assertThat(error.path("details").isArray()).isTrue();
        return error;
    }

    @Test
    void wrongJsonTypeIs400NamingTheField() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/v1/tokens", TestServer.ADMIN_TOKEN,
                "{\"name\": \"x\", \"role\": [1]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("message").asText()).startsWith("role: ");
    }

    @Test
    void unknownJsonFieldIs400NamingIt() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/v1/tokens", TestServer.ADMIN_TOKEN,
                "{\"nmae\": \"x\", \"role\": \"viewer\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("message").asText()).startsWith("nmae: unknown field");
    }

    @Test
    void malformedJsonIs400WithItsPosition() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/v1/tokens", TestServer.ADMIN_TOKEN, "{\"name\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("message").asText()).startsWith("request body: not valid JSON at line 1");
    }

    @Test
    void unknownRouteIs404InTheErrorShape() throws Exception {
        HttpResponse<String> response = server.send("GET", "/api/v1/nothing-here", TestServer.ADMIN_TOKEN, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void wrongMethodIs405InTheErrorShape() throws Exception {
        HttpResponse<String> response = server.send("DELETE", "/api/v1/whoami", TestServer.ADMIN_TOKEN, null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(error(response).path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void jsonBodyOverTheRequestLimitIs413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(2000) + "\",\"role\":\"viewer\"}";

        HttpResponse<String> response = server.send("POST", "/api/v1/tokens", TestServer.ADMIN_TOKEN, big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void uploadOverTheUploadLimitIs413AndStoresNothing() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/v1/blobs", TestServer.ADMIN_TOKEN, "y".repeat(5000));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).path("message").asText()).contains("server.maxUpload");
    }

    @Test
    void uploadWithoutContentLengthIsCutOffAtTheLimit() {
        byte[] tooMuch = new byte[5000];

        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(dev.keel.client.KeelClientException.class,
                () -> server.admin().uploadBlob(new java.io.ByteArrayInputStream(tooMuch), -1,
                        java.util.Optional.empty(), sent -> {}));

        assertThat(thrown).isNotNull();
        assertThat(thrown.status()).isEqualTo(413);
    }

    @Test
    void unexpectedFailureIs500WithARequestIdAndNoStackTrace() throws Exception {
        HttpResponse<String> response = server.send("GET", "/api/v1/test/crash", TestServer.ADMIN_TOKEN, null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(error(response).path("message").asText()).startsWith("internal error (request id ");
        assertThat(response.body()).doesNotContain("IllegalStateException").doesNotContain("secret internals")
                .doesNotContain("Foo.java");
    }

    @Test
    void requestsBeyondTheConcurrencyLimitAre429() throws Exception {
        try (HeldUpload first = new HeldUpload(server.url(), TestServer.ADMIN_TOKEN, new byte[100]);
                HeldUpload second = new HeldUpload(server.url(), TestServer.ADMIN_TOKEN, new byte[100])) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> response = server.send("GET", "/api/v1/whoami", TestServer.ADMIN_TOKEN, null);
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(error(response).path("code").asText()).isEqualTo("RATE_LIMITED");
            });
            assertThat(first.finish()).startsWith("HTTP/1.1 201");
            assertThat(second.finish()).startsWith("HTTP/1.1 201");
        }
        assertThat(server.send("GET", "/api/v1/whoami", TestServer.ADMIN_TOKEN, null).statusCode()).isEqualTo(200);
    }
}
