package dev.keel.bench;

import dev.keel.client.KeelClient;
import dev.keel.core.config.KeelConfig;
import dev.keel.server.KeelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Keel server (SQLite + local blobs in a throw-away home, random loopback port) and a client with an
 * admin token: what every API benchmark measures against.
 */
public final class BenchServer implements AutoCloseable {
    private static final String TOKEN = "keel_bench_admin_token_for_loopback_only";

    private final Path home;
    private final KeelServer server;
    private final KeelClient client;
    private final boolean keepHome;

    public BenchServer(Path home) {
        this(home, false);
    }

    private BenchServer(Path home, boolean keepHome) {
        this.home = home;
        this.keepHome = keepHome;
        KeelConfig defaults = KeelConfig.defaults(home);
        KeelConfig config = new KeelConfig(defaults.home(), defaults.server().withPort(0), defaults.database(),
                defaults.blobs(), defaults.datasets(), Optional.of(TOKEN));
        this.server = new KeelServer(config, Clock.systemUTC()).start();
        this.client = KeelClient.create(server.url(), TOKEN);
    }

    public static BenchServer inTemporaryHome(Path parent) {
        try {
            return new BenchServer(Files.createTempDirectory(parent, "keel-bench-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server over a home that outlives it, so what a benchmark imported (a download) is there next time. */
    public static BenchServer inKeptHome(Path home) {
        try {
            return new BenchServer(Files.createDirectories(home), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KeelServer server() {
        return server;
    }

    public KeelClient client() {
        return client;
    }

    public Path home() {
        return home;
    }

    /** Bytes under the blob folder: what the store holds on disk. */
    public long blobBytes() {
        Path blobs = home.resolve("blobs");
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).mapToLong(BenchServer::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        server.close();
        if (keepHome) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
