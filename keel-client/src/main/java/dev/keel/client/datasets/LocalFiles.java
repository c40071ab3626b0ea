package dev.keel.client.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Local side of uploads: hashing files and mapping a folder to version paths. */
public final class LocalFiles {
    private LocalFiles() {}

    static String sha256(Path file) {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Sha256.hex(digest.digest());
    }

    /**
     * Version path → local file for each argument: a folder's regular files at their paths relative to it,
     * a file at its name.
     */
    public static Map<String, Path> collect(Iterable<Path> arguments) {
        Map<String, Path> files = new TreeMap<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> walk = Files.walk(argument)) {
                    walk.filter(Files::isRegularFile).forEach(file -> files.put(
                            argument.relativize(file).toString().replace(java.io.File.separatorChar, '/'), file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + argument, e);
                }
            } else {
                files.put(argument.getFileName().toString(), argument);
            }
        }
        return files;
    }

    static JsonNode readTree(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("bad record line from server", e);
        }
    }
}
