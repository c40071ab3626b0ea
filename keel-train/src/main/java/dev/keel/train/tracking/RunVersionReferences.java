package dev.keel.train.tracking;

import dev.keel.data.version.VersionReferences;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Training runs (deleted ones too: they can be restored) keep the dataset version they used alive. */
public final class RunVersionReferences implements VersionReferences {
    private static final int SHOWN = 10;

    @Override
    public List<String> describe(Handle handle, String versionId) {
        return handle.createQuery("SELECT id FROM runs WHERE dataset_version_id = :version ORDER BY id LIMIT :shown")
                .bind("version", versionId)
                .bind("shown", SHOWN)
                .mapTo(String.class)
                .map(id -> "run " + id)
                .list();
    }
}
