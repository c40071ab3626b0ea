package dev.keel.client.jobs;

/** Part of a job's log from byte {@code offset}; ask again from {@code nextOffset} for more. */
public record LogChunk(long offset, long nextOffset, String text, String state) {}
