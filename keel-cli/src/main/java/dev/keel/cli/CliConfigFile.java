package dev.keel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's saved target ({@code url}, {@code token}): {@code KEEL_CONFIG} or {@code ~/.keel/cli.yaml}, written
 * by {@code keel login}. It holds a secret, so it is written owner-readable only.
 */
public final class CliConfigFile {
    public static final String ENV = "KEEL_CONFIG";

    private final Path file;

    public CliConfigFile(Path file) {
        this.file = file;
    }

    public static CliConfigFile locate(Map<String, String> env, Path userHome) {
        String fromEnv = env.get(ENV);
        return new CliConfigFile(fromEnv != null && !fromEnv.isBlank()
                ? Path.of(fromEnv) : userHome.resolve(".keel").resolve("cli.yaml"));
    }

    public Path path() {
        return file;
    }

    public record Saved(String url, String token) {}

    public Optional<Saved> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Map<?, ?> map = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
            if (map == null) {
                return Optional.empty();
            }
            return Optional.of(new Saved(string(map.get("url")), string(map.get("token"))));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a valid CLI config (" + e.getMessage() + ")", e);
        }
    }

    public void write(Saved saved) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".cli", ".yaml");
            try {
                trySetOwnerOnly(temp);
                new ObjectMapper(new YAMLFactory()).writeValue(temp.toFile(),
                        Map.of("url", saved.url(), "token", saved.token() == null ? "" : saved.token()));
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void trySetOwnerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folder is already private
        }
    }

    private static String string(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
