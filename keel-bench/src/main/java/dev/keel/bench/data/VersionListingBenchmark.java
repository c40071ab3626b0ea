package dev.keel.bench.data;

import dev.keel.bench.BenchServer;
import dev.keel.bench.Stopwatch;
import dev.keel.client.UploadedBlob;
import dev.keel.client.datasets.DatasetsClient;
import dev.keel.core.dataset.DatasetVersion;
import dev.keel.core.dataset.ManifestEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Lists 10,000 versions of one dataset through the REST API and counts the SQL statements the server issues
 * for it (a listing must not cost one query per version).
 */
public final class VersionListingBenchmark {
    public static void main(String[] args) {
        int versions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
        try (BenchServer bench = BenchServer.inTemporaryHome(dir)) {
            DatasetsClient datasets = bench.client().datasets();
            datasets.create("many", "version listing benchmark");
            List<UploadedBlob> blobs = List.of(upload(bench, "a"), upload(bench, "b"), upload(bench, "c"));
            double setup = Stopwatch.seconds(() -> {
                String parent = null;
                for (int i = 0; i < versions; i++) {
                    UploadedBlob blob = blobs.get(i % blobs.size());
                    DatasetVersion version = datasets.commit("many", new DatasetsClient.Commit(parent, "v" + i,
                            List.of(), List.of(new ManifestEntry("data.bin", blob.size(), blob.sha256())), List.of(),
                            null, null));
                    parent = String.valueOf(version.number());
                }
            });
            System.out.printf("committed %d versions through the API in %.1f s (%.1f ms per commit)%n", versions,
                    setup, 1000 * setup / versions);

            AtomicLong statements = new AtomicLong();
            bench.server().metadata().jdbi().setSqlLogger(new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext context) {
                    statements.incrementAndGet();
                }
            });
            double[] times = new double[rounds];
            int[] listed = new int[1];
            long before = 0;
            for (int round = 0; round < rounds; round++) {
                before = statements.get();
                times[round] = Stopwatch.seconds(() -> listed[0] = datasets.versions("many", versions, 0).size());
            }
            long perListing = statements.get() - before;
            System.out.printf("listing %d versions (GET /api/v1/datasets/many/versions?limit=%d): median %.1f ms over"
                    + " %d rounds; %d SQL statements per listing%n", listed[0], versions,
                    1000 * Stopwatch.median(times), rounds, perListing);
        }
    }

    private static UploadedBlob upload(BenchServer bench, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return bench.client().uploadBlob(new ByteArrayInputStream(bytes), bytes.length, Optional.empty(), sent -> {});
    }
}
