package dev.keel.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The API server's listener and limits. {@code port} 0 picks a free port. {@code maxRequestBody} bounds JSON
 * bodies (they are read whole); {@code maxUpload} bounds streamed uploads (never held in memory).
 * {@code requestTimeout} applies to JSON requests only: streamed uploads and downloads may take hours.
 */
public record ServerConfig(
        String host,
        int port,
        DataSize maxRequestBody,
        DataSize maxUpload,
        Duration shutdownGrace,
        Duration requestTimeout,
        int maxConcurrentRequests) {
    public ServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(maxRequestBody, "maxRequestBody is null");
        requireNonNull(maxUpload, "maxUpload is null");
        requireNonNull(shutdownGrace, "shutdownGrace is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server.port: " + port + " (expected: 0..65535)");
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "server.maxConcurrentRequests: " + maxConcurrentRequests + " (expected: >= 1)");
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 7733, DataSize.ofMegabytes(16), DataSize.parse("64GB"),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 256);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxRequestBody, maxUpload, shutdownGrace, requestTimeout,
                maxConcurrentRequests);
    }
}
