package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.keel.core.config.ServerConfig;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {
    @TempDir
    Path home;

    @Test
    void inFlightUploadCompletesWhileStopRunsAndStoresCloseAfterwards() throws Exception {
        // A limit of one request lets the test see (through a 429) that the upload is being handled.
        TestServer server = TestServer.start(home, settings -> new ServerConfig(settings.host(), 0,
                settings.maxRequestBody(), settings.maxUpload(), Duration.ofSeconds(60), settings.requestTimeout(), 1),
                List.of());
        MetadataStore metadata = server.server().metadata();
        int port = server.url().getPort();
        try (HeldUpload upload = new HeldUpload(server.url(), TestServer.ADMIN_TOKEN, new byte[64])) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    server.send("GET", "/api/v1/whoami", TestServer.ADMIN_TOKEN, null).statusCode() == 429);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            await().atMost(Duration.ofSeconds(20)).until(() -> refusesConnections(port));
            assertThat(stopping).isNotDone();
            metadata.checkHealth(); // stores stay open while a request is in flight

            String response = upload.finish();

            assertThat(response).startsWith("HTTP/1.1 201").contains("\"size\":64");
            stopping.get();
        }
        assertThatThrownBy(metadata::checkHealth).isInstanceOf(KeelException.class);
    }

    private static boolean refusesConnections(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (Exception other) {
            return false;
        }
    }
}
