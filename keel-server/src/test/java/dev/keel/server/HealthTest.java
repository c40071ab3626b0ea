package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
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
    void healthzAnswersWithoutAToken() throws Exception {
        HttpResponse<String> response = server.send("GET", "/healthz", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"up\"");
    }

    @Test
    void readyzIsReadyWhenDatabaseAndBlobStoreAnswer() throws Exception {
        HttpResponse<String> response = server.send("GET", "/readyz", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"database\":\"ok\"").contains("\"blobs\":\"ok\"");
    }

    @Test
    void readyzNamesTheBlobStoreWhenItsFolderCannotBeWritten() throws Exception {
        // Replacing the folder by a file stops writes even for root, which ignores permission bits.
        Path tmp = home.resolve("blobs").resolve("tmp");
        Files.delete(tmp);
        Files.writeString(tmp, "not a folder");

        HttpResponse<String> response = server.send("GET", "/readyz", null, null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"STORE_UNAVAILABLE\"").contains("not ready: blobs")
                .doesNotContain("database:");
    }

    @Test
    void readyzNamesTheDatabaseWhenItIsClosed() throws Exception {
        server.server().metadata().close();

        HttpResponse<String> response = server.send("GET", "/readyz", null, null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("not ready: database").contains("database: metadata store unavailable");
    }

    @Test
    void healthzStaysUpWhenTheDatabaseIsDown() throws Exception {
        server.server().metadata().close();

        assertThat(server.send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }
}
