package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.server.Route;
import com.linecorp.armeria.server.ServiceConfig;
import dev.keel.server.system.SystemApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiTest {
    @TempDir
    Path home;

    /** Armeria writes {@code /a/{b}} as {@code /a/:b}; a rest-of-path parameter as {@code :*b} or {@code {*b}}. */
    private static String openApiPath(Route route) {
        return route.patternString()
                .replaceAll("\\{\\*([^}]+)}", "{$1}")
                .replaceAll(":\\*?([A-Za-z0-9_]+)", "{$1}");
    }

    @Test
    void everyRegisteredApiRouteIsDocumented() throws Exception {
        JsonNode document = new ObjectMapper().readTree(SystemApi.openApiDocument());
        List<String> registered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (TestServer server = TestServer.start(home)) {
            for (ServiceConfig service : server.server().armeria().config().serviceConfigs()) {
                Route route = service.route();
                if (!route.patternString().startsWith("/api/v1/")) {
                    continue;
                }
                String path = openApiPath(route);
                for (HttpMethod method : route.methods()) {
                    registered.add(method + " " + path);
                    if (!document.path("paths").path(path).has(method.name().toLowerCase(Locale.ROOT))) {
                        missing.add(method + " " + path);
                    }
                }
            }
        }
        assertThat(registered).contains("POST /api/v1/tokens", "HEAD /api/v1/blobs/{sha256}");
        assertThat(missing).as("routes missing from openapi.json").isEmpty();
    }

    @Test
    void documentIsServedToAnyToken() throws Exception {
        try (TestServer server = TestServer.start(home)) {
            String viewer = server.admin().tokens().create("reader", "viewer").token();

            var response = server.send("GET", "/api/v1/openapi.json", viewer, null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(response.body()).path("openapi").asText()).startsWith("3.");
        }
    }

    @Test
    void documentCoversTheDatasetContract() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(SystemApi.openApiDocument()).path("paths");

        assertThat(paths.path("/api/v1/datasets/{name}/versions/{ref}/files/{path}").has("get")).isTrue();
        assertThat(paths.path("/api/v1/datasets/{name}/tags/{tag}").has("put")).isTrue();
        assertThat(paths.path("/api/v1/datasets/import-well-known").has("post")).isTrue();
    }
}
