package dev.keel.data;

import dev.keel.core.dataset.ManifestEntry;
import java.io.InputStream;
import java.util.List;

/**
 * Read-only view of the files of one dataset version (or of a version being committed). Format readers,
 * statistics and splits work on this view, so they never care whether bytes come from the blob store, a
 * server-side folder or a test's temporary directory.
 */
public interface DatasetFiles {
    /** Every file, sorted by path. */
    List<ManifestEntry> files();

    /** Opens one file by its path in the version; throws {@code NOT_FOUND} for an unknown path. */
    InputStream open(String path);
}
