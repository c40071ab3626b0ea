package dev.keel.data.format;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One table of a dataset version and the files it is read from. IDX: one file per column, records zipped by
 * index (e.g. {@code [train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz]}); CSV and JSON Lines: one file;
 * image folder: every image under the table's root, sorted, whose parent folder names its class.
 */
public record TableSource(String name, Format format, List<String> files) {
    public TableSource {
        requireNonNull(name, "name is null");
        requireNonNull(format, "format is null");
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files: [] (expected: at least one file)");
        }
    }
}
