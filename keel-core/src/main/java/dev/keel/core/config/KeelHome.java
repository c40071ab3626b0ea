package dev.keel.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds the Keel home folder: {@code --home} flag, else {@code KEEL_HOME}, else {@code ~/.keel}. */
public final class KeelHome {
    public static final String ENV = "KEEL_HOME";

    private KeelHome() {}

    public static Path resolve(Optional<Path> flag, Map<String, String> env, Path userHome) {
        if (flag.isPresent()) {
            return flag.get().toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return userHome.resolve(".keel").toAbsolutePath().normalize();
    }
}
