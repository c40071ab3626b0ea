package dev.keel.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from the machine's Debian binaries: temp data folder, 127.0.0.1 on a
 * free port, sockets in the temp folder, fsync off, stopped and deleted by a shutdown hook. PostgreSQL
 * refuses to run as root, so as root it runs as the {@code postgres} system user.
 */
final class LocalPostgres {
    private static final String USER = "keel";

    private final Path bin;
    private final Path dir;
    private final int port;

    private LocalPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    static LocalPostgres start() {
        Path bin = findBinaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL tests need a server: set KEEL_TEST_POSTGRES_URL, or install one with"
                        + " `apt-get install postgresql` (.ci/run installs it); no /usr/lib/postgresql/*/bin/initdb found"));
        try {
            Path dir = Files.createTempDirectory("keel-postgres-");
            if (runsAsRoot()) {
                run(List.of("chown", "postgres:postgres", dir.toString()));
            }
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                LocalPostgres server = new LocalPostgres(bin, dir, freePort());
                try {
                    server.startServer(attempt == 0);
                    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keel-postgres-stop"));
                    return server;
                } catch (IllegalStateException e) {
                    last = e; // most likely the port was taken between choosing and binding it
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a test PostgreSQL server", e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String user() {
        return USER;
    }

    private void startServer(boolean initialise) {
        Path data = dir.resolve("data");
        if (initialise) {
            run(asPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync")));
        }
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
                + " -c shared_buffers=32MB -c deadlock_timeout=200ms";
        run(asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                dir.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start")));
    }

    private void stop() {
        try {
            run(asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop")));
        } catch (RuntimeException e) {
            // The JVM is exiting; a server that is already gone is fine.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: the temp folder is the operating system's to clean otherwise.
        }
    }

    private static Optional<Path> findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(LocalPostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(List<String> command) {
        if (!runsAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + "):\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.getFirst(), e);
        }
    }
}
