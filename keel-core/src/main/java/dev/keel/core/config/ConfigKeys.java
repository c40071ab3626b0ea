package dev.keel.core.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every key {@code keel.yaml} may hold, and the {@code KEEL_*} environment variable that overrides each one.
 * A key's variable is its path upper-cased with dots and camel humps turned into underscores
 * ({@code server.maxRequestBody} → {@code KEEL_SERVER_MAX_REQUEST_BODY}); a few common ones have short aliases.
 */
public final class ConfigKeys {
    public static final Set<String> ALL = Set.of(
            "server.host", "server.port", "server.maxRequestBody", "server.maxUpload", "server.shutdownGrace",
            "server.requestTimeout", "server.maxConcurrentRequests",
            "database.url", "database.user", "database.password", "database.maxPoolSize",
            "blobs.path",
            "blobs.s3.endpoint", "blobs.s3.region", "blobs.s3.bucket", "blobs.s3.prefix", "blobs.s3.pathStyle",
            "blobs.s3.accessKey", "blobs.s3.secretKey", "blobs.s3.multipartPartBytes",
            "datasets.importRoots",
            "jobs.maxConcurrent", "jobs.workerMaxHeap",
            "auth.adminToken");

    /** Short names people expect to work. */
    private static final Map<String, String> ALIASES = Map.of(
            "KEEL_PORT", "server.port",
            "KEEL_HOST", "server.host",
            "KEEL_ADMIN_TOKEN", "auth.adminToken");

    /** Environment variables that belong to other parts of Keel and are not config keys. */
    public static final Set<String> OTHER_VARIABLES = Set.of("KEEL_HOME", "KEEL_URL", "KEEL_TOKEN", "KEEL_CONFIG");

    private ConfigKeys() {}

    public static String environmentVariable(String key) {
        StringBuilder name = new StringBuilder("KEEL_");
        for (char c : key.toCharArray()) {
            if (c == '.') {
                name.append('_');
            } else if (Character.isUpperCase(c)) {
                name.append('_').append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    /** Every variable name that sets a key, mapped to the key. */
    public static Map<String, String> environmentVariables() {
        Map<String, String> variables = new LinkedHashMap<>(ALIASES);
        for (String key : ALL) {
            variables.put(environmentVariable(key), key);
        }
        return variables;
    }
}
