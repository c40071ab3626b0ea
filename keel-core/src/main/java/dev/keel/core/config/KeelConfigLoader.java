package dev.keel.core.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link KeelConfig}: defaults, then {@code HOME/keel.yaml}, then {@code KEEL_*} environment
 * variables, then explicit overrides (command-line flags). Every problem (unknown keys with a did-you-mean,
 * bad values) is collected and reported at once as {@link ErrorCode#INVALID_ARGUMENT}.
 */
public final class KeelConfigLoader {
    public static final String FILE_NAME = "keel.yaml";
    private static final List<String> SECTIONS = List.of("KEEL_SERVER_", "KEEL_DATABASE_", "KEEL_BLOBS_",
            "KEEL_DATASETS_", "KEEL_AUTH_");

    private final Map<String, String> env;

    public KeelConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(requireNonNull(env, "env is null"));
    }

    /** @param overrides values that win over everything else, by key (for example {@code server.port}) */
    public KeelConfig load(Path home, Map<String, String> overrides) {
        Problems problems = new Problems();
        Map<String, Object> values = new LinkedHashMap<>();
        readFile(home.resolve(FILE_NAME), values, problems);
        readEnvironment(values, problems);
        overrides.forEach((key, value) -> {
            if (!ConfigKeys.ALL.contains(key)) {
                throw new IllegalArgumentException("override of unknown key " + key);
            }
            values.put(key, value);
        });
        KeelConfig config = new ConfigBinder(home, values, problems).bind();
        problems.throwIfAny("configuration");
        return config;
    }

    private static void readFile(Path file, Map<String, Object> values, Problems problems) {
        if (!Files.exists(file)) {
            return;
        }
        Object tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
        } catch (IOException e) {
            problems.add(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
            return;
        }
        if (tree == null) {
            return;
        }
        if (!(tree instanceof Map<?, ?> map)) {
            problems.add(file + ": expected a mapping of keys such as server.port, found " + tree);
            return;
        }
        flatten("", map, values, problems);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> values, Problems problems) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested && !ConfigKeys.ALL.contains(key)) {
                flatten(key + ".", nested, values, problems);
            } else if (!ConfigKeys.ALL.contains(key)) {
                problems.add(unknown("key", key, ConfigKeys.ALL));
            } else if (value instanceof List<?> list) {
                values.put(key, list.stream().map(String::valueOf).toList());
            } else {
                values.put(key, value == null ? null : String.valueOf(value));
            }
        }
    }

    private void readEnvironment(Map<String, Object> values, Problems problems) {
        Map<String, String> variables = ConfigKeys.environmentVariables();
        env.forEach((name, value) -> {
            String key = variables.get(name);
            if (key != null) {
                values.put(key, key.equals("datasets.importRoots")
                        ? List.of(value.split(File.pathSeparator)) : value);
            } else if (SECTIONS.stream().anyMatch(name::startsWith) && !ConfigKeys.OTHER_VARIABLES.contains(name)) {
                problems.add(unknown("environment variable", name, variables.keySet()));
            }
        });
    }

    private static String unknown(String what, String name, java.util.Collection<String> known) {
        return Suggestions.closest(name, known)
                .map(s -> "unknown " + what + " '" + name + "' (did you mean '" + s + "'?)")
                .orElse("unknown " + what + " '" + name + "'");
    }

    /** Reads the validated config of a home, failing with every problem at once. */
    public static KeelConfig loadOrThrow(Path home, Map<String, String> env, Map<String, String> overrides) {
        try {
            return new KeelConfigLoader(env).load(home, overrides);
        } catch (KeelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeelException(ErrorCode.INVALID_ARGUMENT, "invalid configuration: " + e.getMessage(),
                    new ArrayList<>(List.of(String.valueOf(e.getMessage()))), e);
        }
    }
}
