package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRoutes;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing features other API areas rely on, exercised through a test-only area. */
class ApiRouterTest {
    private static final ApiRoutes AREA = router -> {
        router.get("/test/files/{*path}", Role.VIEWER, request -> Map.of("path", request.pathParam("path")));
        router.get("/test/page", Role.VIEWER, request -> Map.of("limit", request.queryInt("limit", 10, 1, 100)));
        router.post("/test/author", Role.EDITOR, request -> ApiResponse.created(Map.of("author", request.principal().name())));
        router.streaming(HttpMethod.GET, "/test/download", Role.VIEWER, request -> request.streamResponse(
                MediaType.OCTET_STREAM, 5, new ByteArrayInputStream("bytes".getBytes(StandardCharsets.UTF_8))));
    };

    @TempDir
    Path home;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(home, settings -> settings, List.of(AREA));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void restOfPathParameterKeepsSlashes() throws Exception {
        HttpResponse<String> response = server.send("GET", "/api/v1/test/files/train/part-0.csv", TestServer.ADMIN_TOKEN, null);

        assertThat(response.body()).isEqualTo("{\"path\":\"train/part-0.csv\"}");
    }

    @Test
    void outOfRangeQueryParameterIs400NamingIt() throws Exception {
        HttpResponse<String> response = server.send("GET", "/api/v1/test/page?limit=0", TestServer.ADMIN_TOKEN, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("limit: 0 (expected: an integer in 1..100)");
    }

    @Test
    void handlersSeeTheCallersTokenName() {
        String token = server.admin().tokens().create("alice", "editor").token();

        Map<String, Object> answer = server.client(token).post("/api/v1/test/author", Map.of(), Map.class);

        assertThat(answer).containsEntry("author", "alice");
    }

    @Test
    void streamedResponseDownloadsIntoAFile() throws Exception {
        Path target = home.resolve("out").resolve("download.bin");

        long bytes = server.admin().download("/api/v1/test/download", target, n -> {});

        assertThat(bytes).isEqualTo(5);
        assertThat(Files.readString(target)).isEqualTo("bytes");
    }
}
