package dev.keel.server;

import dev.keel.client.KeelClient;
import dev.keel.core.config.BlobStoreConfig;
import dev.keel.core.config.DatasetsConfig;
import dev.keel.core.config.KeelConfig;
import dev.keel.core.config.ServerConfig;
import dev.keel.server.http.ApiRoutes;
import dev.keel.store.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A real Keel server on a random loopback port with a temp home and a real SQLite database. */
final class TestServer implements AutoCloseable {
    static final String ADMIN_TOKEN = "keel_test-admin-token-0123456789abcdefghijklmnop";

    private final KeelServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestServer(KeelServer server) {
        this.server = server;
    }

    static TestServer start(Path home) {
        return start(home, settings -> settings, List.of());
    }

    static TestServer start(Path home, UnaryOperator<ServerConfig> settings, List<ApiRoutes> extraAreas) {
        ServerConfig defaults = ServerConfig.defaults().withPort(0);
        KeelConfig config = new KeelConfig(home, settings.apply(defaults),
                TestDatabases.config(TestDatabases.SQLITE, home),
                BlobStoreConfig.local(home.resolve("blobs")),
                new DatasetsConfig(List.of(home.resolve("imports"))),
                Optional.of(ADMIN_TOKEN));
        return new TestServer(new KeelServer(config, Clock.systemUTC(), extraAreas).start());
    }

    KeelServer server() {
        return server;
    }

    URI url() {
        return server.url();
    }

    KeelClient client(String token) {
        return KeelClient.create(url(), token);
    }

    KeelClient admin() {
        return client(ADMIN_TOKEN);
    }

    /** A raw call, for checking statuses and bodies exactly as a non-Java client sees them. */
    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
