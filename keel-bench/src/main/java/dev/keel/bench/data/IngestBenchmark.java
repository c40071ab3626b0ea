package dev.keel.bench.data;

import dev.keel.bench.BenchServer;
import dev.keel.bench.Stopwatch;
import dev.keel.client.UploadedBlob;
import dev.keel.client.datasets.DatasetsClient;
import dev.keel.core.dataset.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Ingest throughput of one large file through the REST API (streamed upload + commit of a version) against
 * {@code sha256sum} of the same file, rounds interleaved in one run. Target: Keel ≥ 0.8× sha256sum.
 *
 * <p>Two Keel paths are timed: the streamed upload where the server hashes while it stores (one pass over
 * the bytes), and the CLI's path, which hashes the file locally first so the server can verify it and skip
 * content it already holds (two passes).
 */
public final class IngestBenchmark {
    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
        long size = megabytes * 1024 * 1024;
        Path file = Files.createTempFile(dir, "ingest-", ".bin");
        try (BenchServer bench = BenchServer.inTemporaryHome(dir)) {
            writeRandom(file, size);
            readOnce(file); // page cache warm for every contender alike
            double[] sha256sum = new double[rounds];
            double[] streamed = new double[rounds];
            double[] cliPath = new double[rounds];
            DatasetsClient datasets = bench.client().datasets();
            for (int round = 0; round < rounds; round++) {
                sha256sum[round] = Stopwatch.seconds(() -> run("sha256sum", file.toString()));
                String name = "ingest-" + round;
                datasets.create(name, "ingest benchmark");
                UploadedBlob[] blob = new UploadedBlob[1];
                streamed[round] = Stopwatch.seconds(() -> {
                    try (InputStream in = Files.newInputStream(file)) {
                        blob[0] = bench.client().uploadBlob(in, size, Optional.empty(), sent -> {});
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                    datasets.commit(name, new DatasetsClient.Commit(null, "ingest", List.of(),
                            List.of(new ManifestEntry("data.bin", blob[0].size(), blob[0].sha256())), List.of(),
                            null, null));
                });
                // Drop the stored blob so the next upload stores every byte again instead of deduplicating.
                bench.server().blobs().delete(blob[0].sha256());
                cliPath[round] = Stopwatch.seconds(() -> bench.client().uploadBlob(file, sent -> {}));
                bench.server().blobs().delete(blob[0].sha256());
            }
            double mb = size / 1e6;
            double baseline = mb / Stopwatch.median(sha256sum);
            double keel = mb / Stopwatch.median(streamed);
            double keelCli = mb / Stopwatch.median(cliPath);
            System.out.printf("file: %d MiB, rounds: %d (medians), cores: %d%n", megabytes, rounds,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("sha256sum                          %8.1f MB/s%n", baseline);
            System.out.printf("keel API, streamed upload + commit %8.1f MB/s  ratio %.2f (target >= 0.80)%n", keel,
                    keel / baseline);
            System.out.printf("keel API, hash locally + upload    %8.1f MB/s  ratio %.2f%n", keelCli,
                    keelCli / baseline);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void writeRandom(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                for (int i = 0; i < buffer.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        buffer[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(buffer, 0, (int) Math.min(buffer.length, size - written));
            }
        }
    }

    private static void readOnce(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }
}
