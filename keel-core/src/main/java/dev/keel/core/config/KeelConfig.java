package dev.keel.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a Keel server process is configured with, already validated. Built by {@link KeelConfigLoader}
 * from defaults, {@code HOME/keel.yaml}, {@code KEEL_*} environment variables and command-line overrides.
 *
 * @param adminToken an admin token secret to install on first start instead of generating one
 *     ({@code KEEL_ADMIN_TOKEN}); only its hash is ever stored
 */
public record KeelConfig(
        Path home,
        ServerConfig server,
        DatabaseConfig database,
        BlobStoreConfig blobs,
        DatasetsConfig datasets,
        Optional<String> adminToken,
        JobsConfig jobs) {
    public KeelConfig {
        requireNonNull(home, "home is null");
        requireNonNull(server, "server is null");
        requireNonNull(database, "database is null");
        requireNonNull(blobs, "blobs is null");
        requireNonNull(datasets, "datasets is null");
        requireNonNull(adminToken, "adminToken is null");
        requireNonNull(jobs, "jobs is null");
        home = home.toAbsolutePath().normalize();
    }

    /** Default job settings ({@link JobsConfig#defaults()}). */
    public KeelConfig(Path home, ServerConfig server, DatabaseConfig database, BlobStoreConfig blobs,
            DatasetsConfig datasets, Optional<String> adminToken) {
        this(home, server, database, blobs, datasets, adminToken, JobsConfig.defaults());
    }

    /** The embedded defaults for a home folder: SQLite at {@code home/keel.db}, blobs in {@code home/blobs}. */
    public static KeelConfig defaults(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        return new KeelConfig(absolute, ServerConfig.defaults(), DatabaseConfig.sqlite(absolute.resolve("keel.db")),
                BlobStoreConfig.local(absolute.resolve("blobs")),
                new DatasetsConfig(java.util.List.of(absolute.resolve("imports"))), Optional.empty());
    }

    public KeelConfig withServer(ServerConfig newServer) {
        return new KeelConfig(home, newServer, database, blobs, datasets, adminToken, jobs);
    }

    public KeelConfig withJobs(JobsConfig newJobs) {
        return new KeelConfig(home, server, database, blobs, datasets, adminToken, newJobs);
    }
}
