package dev.keel.train.job;

/**
 * A piece of a job's log: {@code text} read from byte {@code offset}, and {@code nextOffset} to continue from.
 * Offsets count bytes, so a follower that polls never sees a line twice.
 */
public record LogChunk(long offset, long nextOffset, String text) {
    public LogChunk {
        if (offset < 0 || nextOffset < offset) {
            throw new IllegalArgumentException("offsets: " + offset + ".." + nextOffset + " (expected: 0 <= offset <= next)");
        }
    }
}
