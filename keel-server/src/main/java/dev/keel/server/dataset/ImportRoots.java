package dev.keel.server.dataset;

import dev.keel.core.config.DatasetsConfig;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server-side folders an admin may import from ({@code datasets.importRoots}); any other path is refused,
 * so an API token never turns into read access to the server's whole file system.
 */
final class ImportRoots {
    private final List<Path> roots;

    ImportRoots(DatasetsConfig config) {
        this.roots = config.importRoots();
    }

    /** The real path of {@code text}, or PERMISSION_DENIED / INVALID_ARGUMENT naming it. */
    Path check(String field, String text) {
        if (text == null || text.isBlank()) {
            throw KeelException.invalid(field + ": " + text + " (expected: a server-side folder or file)");
        }
        Path path;
        try {
            path = Path.of(text).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw KeelException.invalid(field + ": " + text + " (expected: an existing folder or file on the server)");
            }
            path = path.toRealPath();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw KeelException.invalid(field + ": " + text + " (expected: a readable server-side path)");
        }
        for (Path root : roots) {
            try {
                if (path.startsWith(Files.exists(root) ? root.toRealPath() : root)) {
                    return path;
                }
            } catch (IOException e) {
                // an unreadable root admits nothing
            }
        }
        throw new KeelException(ErrorCode.PERMISSION_DENIED, field + ": " + text + " (expected: inside one of the"
                + " import roots " + roots + "; set datasets.importRoots)", List.of(field + ": " + text));
    }
}
