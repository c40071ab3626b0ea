package dev.keel.data.version;

/** The key columns of a stored version: enough to resolve refs and check parents. */
record VersionRow(String id, int number, String parentId, String contentHash) {}
