package dev.keel.core.config;

import dev.keel.core.error.Problems;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Turns raw key/value strings into typed config records, recording every bad value instead of stopping. */
final class ConfigBinder {
    private final Path home;
    private final Map<String, Object> values;
    private final Problems problems;

    ConfigBinder(Path home, Map<String, Object> values, Problems problems) {
        this.home = home.toAbsolutePath().normalize();
        this.values = values;
        this.problems = problems;
    }

    KeelConfig bind() {
        KeelConfig defaults = KeelConfig.defaults(home);
        ServerConfig server = bindServer(defaults.server());
        DatabaseConfig database = bindDatabase(defaults.database());
        BlobStoreConfig blobs = bindBlobs(defaults.blobs());
        List<Path> roots = values.containsKey("datasets.importRoots")
                ? asList("datasets.importRoots").stream().map(this::path).toList()
                : defaults.datasets().importRoots();
        Optional<String> adminToken = Optional.ofNullable(string("auth.adminToken", null)).filter(s -> !s.isBlank());
        JobsConfig jobs = bindJobs(defaults.jobs());
        if (server == null || database == null || blobs == null || jobs == null) {
            return defaults;
        }
        return new KeelConfig(home, server, database, blobs, new DatasetsConfig(roots), adminToken, jobs);
    }

    private ServerConfig bindServer(ServerConfig d) {
        String host = string("server.host", d.host());
        int port = typed("server.port", d.port(), Integer::parseInt, "0..65535");
        DataSize maxBody = typed("server.maxRequestBody", d.maxRequestBody(), DataSize::parse, "a size such as 16MB");
        DataSize maxUpload = typed("server.maxUpload", d.maxUpload(), DataSize::parse, "a size such as 64GB");
        Duration grace = typed("server.shutdownGrace", d.shutdownGrace(), HumanDuration::parse, "a duration such as 30s");
        Duration timeout = typed("server.requestTimeout", d.requestTimeout(), HumanDuration::parse,
                "a duration such as 60s");
        int concurrency = typed("server.maxConcurrentRequests", d.maxConcurrentRequests(), Integer::parseInt, ">= 1");
        problems.require(port >= 0 && port <= 65535, "server.port", port, "0..65535");
        problems.require(concurrency >= 1, "server.maxConcurrentRequests", concurrency, ">= 1");
        problems.require(maxBody.bytes() > 0, "server.maxRequestBody", maxBody, "> 0");
        problems.require(maxUpload.bytes() > 0, "server.maxUpload", maxUpload, "> 0");
        if (port < 0 || port > 65535 || concurrency < 1) {
            return null;
        }
        return new ServerConfig(host, port, maxBody, maxUpload, grace, timeout, concurrency);
    }

    private JobsConfig bindJobs(JobsConfig d) {
        int concurrent = typed("jobs.maxConcurrent", d.maxConcurrent(), Integer::parseInt, ">= 1");
        DataSize heap = typed("jobs.workerMaxHeap", d.workerMaxHeap(), DataSize::parse, "a size such as 2GB");
        try {
            return new JobsConfig(concurrent, heap);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private DatabaseConfig bindDatabase(DatabaseConfig d) {
        String url = string("database.url", d.url());
        int pool = typed("database.maxPoolSize", d.maxPoolSize(), Integer::parseInt, ">= 1");
        try {
            return new DatabaseConfig(url, string("database.user", null), string("database.password", null), pool);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private BlobStoreConfig bindBlobs(BlobStoreConfig d) {
        boolean s3 = values.keySet().stream().anyMatch(k -> k.startsWith("blobs.s3."));
        if (s3 && values.containsKey("blobs.path")) {
            problems.add("blobs: both blobs.path and blobs.s3.* are set (expected: exactly one)");
            return null;
        }
        if (!s3) {
            return BlobStoreConfig.local(values.containsKey("blobs.path") ? path(string("blobs.path", null)) : d.localRoot());
        }
        URI endpoint = typed("blobs.s3.endpoint", null, URI::create, "a URL such as http://127.0.0.1:9000");
        String region = string("blobs.s3.region", "us-east-1");
        String bucket = string("blobs.s3.bucket", null);
        problems.require(bucket != null && !bucket.isBlank(), "blobs.s3.bucket", bucket, "a bucket name");
        boolean pathStyle = typed("blobs.s3.pathStyle", endpoint != null, ConfigBinder::bool, "true or false");
        DataSize part = typed("blobs.s3.multipartPartBytes", DataSize.ofMegabytes(64), DataSize::parse, "a size >= 5MB");
        try {
            return BlobStoreConfig.s3(new S3Config(endpoint, region, bucket, string("blobs.s3.prefix", ""), pathStyle,
                    string("blobs.s3.accessKey", null), string("blobs.s3.secretKey", null), part.bytes()));
        } catch (RuntimeException e) {
            problems.add(String.valueOf(e.getMessage()));
            return null;
        }
    }

    private Path path(String text) {
        Path p = Path.of(text);
        return (p.isAbsolute() ? p : home.resolve(p)).normalize();
    }

    private String string(String key, String fallback) {
        Object value = values.get(key);
        if (value instanceof List<?>) {
            problems.add(key, value, "a single value, not a list");
            return fallback;
        }
        return value == null ? fallback : (String) value;
    }

    private List<String> asList(String key) {
        Object value = values.get(key);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of((String) value);
    }

    private <T> T typed(String key, T fallback, Function<String, T> parser, String expected) {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            problems.add(key, text, expected);
            return fallback;
        }
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }
}
