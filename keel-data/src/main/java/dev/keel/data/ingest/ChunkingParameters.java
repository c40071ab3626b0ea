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

    /** 16 KiB / 64 KiB / 256 KiB, looking up to 8 KiB ahead for a line end. */
    public static ChunkingParameters defaults() {
        return new ChunkingParameters(16 * 1024, 64 * 1024, 256 * 1024, 8 * 1024);
    }

    /** Number of leading hash bits that must be zero at a cut point: about (average - min) bytes apart. */
    int maskBits() {
        return 31 - Integer.numberOfLeadingZeros(averageSize - minSize);
    }
}
