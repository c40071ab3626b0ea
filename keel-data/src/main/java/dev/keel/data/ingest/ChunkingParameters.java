package dev.keel.data.ingest;

import dev.keel.core.error.Problems;

/**
 * Chunk sizes of content-defined chunking, in bytes. After a local edit the new bytes stored are about the
 * edited span plus one or two average chunks, so smaller chunks dedup better and cost more blobs and index
 * rows.
 *
 * @param lineWindow how far past a hash cut point the chunker looks for a line end to cut at instead
 */
public record ChunkingParameters(int minSize, int averageSize, int maxSize, int lineWindow) {
    public ChunkingParameters {
        Problems problems = new Problems();
        problems.require(minSize >= 64, "minSize", minSize, ">= 64");
        problems.require(averageSize > minSize, "averageSize", averageSize, "> minSize");
        problems.require(maxSize > averageSize, "maxSize", maxSize, "> averageSize");
        problems.require(lineWindow >= 0 && lineWindow < minSize, "lineWindow", lineWindow, ">= 0 and < minSize");
        problems.throwIfAny("chunking parameters");
    }

    /**
     * 4 KiB / ~16 KiB / 128 KiB, looking up to 2 KiB ahead for a line end. Smaller than the usual 16/64/256:
     * an edit of 1% of a 10 MB CSV (100 KB) then costs about 100 KB + 2 × 16 KB instead of 100 KB + 2 × 64 KB,
     * which keeps re-commits under 2% new bytes for files from a few MB up; a 66 MB file is ~5,000 chunks.
     */
    public static ChunkingParameters defaults() {
        return new ChunkingParameters(4 * 1024, 16 * 1024, 128 * 1024, 2 * 1024);
    }

    /** Number of leading hash bits that must be zero at a cut point: about (average - min) bytes apart. */
    int maskBits() {
        return 31 - Integer.numberOfLeadingZeros(averageSize - minSize);
    }
}
