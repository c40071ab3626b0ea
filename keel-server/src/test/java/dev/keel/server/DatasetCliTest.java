package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keel datasets …} as a user runs it: the real CLI in its own process against a real server. */
class DatasetCliTest {
    @TempDir
    static Path home;

    @TempDir
    Path work;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(home);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private KeelProcess.Result keel(String... args) throws Exception {
        return KeelProcess.against(server.url(), TestServer.ADMIN_TOKEN, work, work, Duration.ofSeconds(90)).run(args);
    }

    @Test
    void commitsAFolderAndShowsListsDiffsDownloadsAndStreamsRecords() throws Exception {
        Path data = Files.createDirectories(work.resolve("iris"));
        Files.writeString(data.resolve("train.csv"), "x,label\n1.5,a\n2.5,b\n");
        Files.writeString(data.resolve("test.csv"), "x,label\n3.5,a\n");

        assertThat(keel("datasets", "create", "iris").exitCode()).isZero();
        KeelProcess.Result commit = keel("datasets", "commit", "iris", data.toString(), "-m", "first", "--tag", "golden");
        assertThat(commit.exitCode()).as(commit.err()).isZero();
        assertThat(commit.out()).contains("v1");
        Files.writeString(data.resolve("test.csv"), "x,label\n3.5,a\n4.5,b\n");
        assertThat(keel("datasets", "commit", "iris", data.toString(), "-m", "second").exitCode()).isZero();

        KeelProcess.Result show = keel("datasets", "show", "iris@golden");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("train.csv").contains("schema:").contains("statistics:").contains("2 rows");
        JsonNode versions = new ObjectMapper().readTree(keel("datasets", "versions", "iris", "--output", "json").out());
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("number").asInt()).isEqualTo(2);
        KeelProcess.Result diff = keel("datasets", "diff", "iris", "1", "2");
        assertThat(diff.out()).contains("~ test.csv").contains("rows test: 1 -> 2");

        KeelProcess.Result download = keel("datasets", "download", "iris@1", "test.csv", "-o", work.resolve("t.csv").toString());
        assertThat(download.exitCode()).as(download.err()).isZero();
        assertThat(Files.readString(work.resolve("t.csv"))).isEqualTo("x,label\n3.5,a\n");
        KeelProcess.Result records = keel("datasets", "records", "iris", "test", "--batch-size", "10");
        assertThat(records.out().lines().toList()).hasSize(1);
        assertThat(records.out()).contains("4.5");
    }

    @Test
    void reportsConflictsWithANonZeroExitCode() throws Exception {
        assertThat(keel("datasets", "create", "twice").exitCode()).isZero();
        KeelProcess.Result again = keel("datasets", "create", "twice");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("already exists");
    }
}
