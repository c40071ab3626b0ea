package dev.keel.data.wellknown;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Import a well-known dataset.
 *
 * @param dataset {@code fashion-mnist}, {@code mnist} or {@code imdb}
 * @param name the Keel dataset to import into ({@code null}: the well-known name); created when missing
 * @param path a folder or {@code .tgz} holding the genuine files; {@code null}: the system package's
 *     folder, if one is installed
 * @param download fetch the files from their canonical location (when no path is given), even if the system
 *     package's folder exists
 */
public record WellKnownRequest(String dataset, String project, String name, Path path, boolean download,
        String author) {
    public WellKnownRequest {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(author, "author is null");
    }
}
