package dev.keel.data.version;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Something outside the dataset manager that refers to dataset versions (training runs, later models), so
 * a version it names must not be deleted. Modules that depend on keel-data implement it; the dataset
 * manager itself cannot know them.
 */
@FunctionalInterface
public interface VersionReferences {
    /**
     * What refers to the version, one short description each ({@code "run 3f2a…"}); empty when nothing does.
     * Called inside the delete's transaction.
     */
    List<String> describe(Handle handle, String versionId);
}
