package dev.keel.client;

/** What the server stored for an upload: the content's SHA-256 and size in bytes. */
public record UploadedBlob(String sha256, long size) {}
