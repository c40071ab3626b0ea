/**
 * Dataset versions: {@link dev.keel.data.version.DatasetService} (the in-process API) commits immutable
 * versions as changes to a parent, guarded by an optimistic head pointer, with a content hash
 * ({@link dev.keel.data.version.ContentHash}) over the canonical manifest; plus tags, refs, diffs, deletes
 * and reads. {@link dev.keel.data.version.VersionProfiler} is the seam to the format readers.
 */
package dev.keel.data.version;
