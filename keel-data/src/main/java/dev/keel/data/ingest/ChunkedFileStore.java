package dev.keel.data.ingest;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import dev.keel.store.blob.BlobRef;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.metadata.MetadataStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import dev.keel.core.hash.VerifyingInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Dataset file storage over a content-addressed {@link BlobStore}. Binary files are one blob each (hashed
 * once, while streaming into the store). Text files are cut into content-defined chunks, each a blob, and
 * the file's ordered chunk list is recorded under its whole-file SHA-256, so a new version of a large CSV
 * stores only the chunks around its edits. Either way a file is addressed by its whole-file SHA-256, and
 * reads reassemble chunks and verify that hash.
 */
public final class ChunkedFileStore {
    private static final Set<String> TEXT_EXTENSIONS = Set.of("csv", "tsv", "jsonl", "ndjson", "json", "txt");

    private final BlobStore blobs;
    private final ChunkIndex index;
    private final ContentDefinedChunker chunker;

    public ChunkedFileStore(BlobStore blobs, MetadataStore metadata, ChunkingParameters parameters, Clock clock) {
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.index = new ChunkIndex(metadata, clock);
        this.chunker = new ContentDefinedChunker(parameters);
    }

    /** Whether files at this path are chunked (by extension: csv, tsv, jsonl, ndjson, json, txt). */
    public static boolean isText(String path) {
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        return dot > slash && TEXT_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Stores one file read from {@code content}; the answer is the whole file's SHA-256 and size. */
    public BlobRef store(String path, InputStream content) {
        requireNonNull(path, "path is null");
        requireNonNull(content, "content is null");
        if (!isText(path)) {
            return blobs.put(content, Optional.empty(), -1);
        }
        MessageDigest fileDigest = Sha256.newDigest();
        List<BlobRef> chunks = new ArrayList<>();
        try (InputStream in = new DigestInputStream(content, fileDigest)) {
            chunker.split(in, (buffer, length) -> chunks.add(putChunk(buffer, length)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
        BlobRef file = new BlobRef(Sha256.hex(fileDigest.digest()), chunks.stream().mapToLong(BlobRef::size).sum());
        if (chunks.isEmpty()) {
            return blobs.put(InputStream.nullInputStream(), Optional.of(file.sha256()), 0);
        }
        if (chunks.size() > 1) {
            // Written after every chunk is durable: a crash before this leaves only unreferenced chunks.
            index.record(file, chunks);
        }
        return file;
    }

    /**
     * Chunks a text file that arrived whole (an HTTP blob upload). Returns true when the whole blob is now
     * redundant: reads of that hash go through the chunk index, so the caller may delete the blob once its
     * version is committed.
     */
    public boolean chunkWholeBlob(String path, String sha256) {
        if (!isText(path) || !blobs.exists(sha256)) {
            return false;
        }
        if (index.find(sha256).isPresent()) {
            return true; // chunked before (uploaded again whole): this copy is redundant too
        }
        BlobRef stored;
        try (InputStream in = blobs.open(sha256)) {
            stored = store(path, in);
        } catch (IOException e) {
            throw new UncheckedIOException("re-reading blob " + sha256, e);
        }
        return stored.sha256().equals(sha256) && index.find(sha256).isPresent();
    }

    /** Whether a file with this whole-file hash can be read. */
    public boolean contains(String sha256) {
        return index.find(sha256).isPresent() || blobs.exists(sha256);
    }

    /** Size of a stored file, or {@code NOT_FOUND}. */
    public long size(String sha256) {
        Optional<ChunkIndex.Entry> entry = index.find(sha256);
        return entry.isPresent() ? entry.get().size() : blobs.size(sha256);
    }

    /**
     * Opens a stored file; the stream throws {@code CORRUPT_BLOB} at its end if the reassembled bytes do not
     * hash to {@code sha256}.
     */
    public InputStream open(String sha256) {
        Optional<ChunkIndex.Entry> entry = index.find(sha256);
        if (entry.isEmpty()) {
            return blobs.open(sha256);
        }
        return new VerifyingInputStream(new ChunkSequenceInputStream(blobs, entry.get().chunks()),
                sha256, entry.get().size(), "file " + sha256 + " reassembled from chunks");
    }

    public BlobStore blobs() {
        return blobs;
    }

    private BlobRef putChunk(byte[] buffer, int length) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(buffer, 0, length);
        String sha256 = Sha256.hex(digest.digest());
        if (!blobs.exists(sha256)) {
            BlobRef stored = blobs.put(new ByteArrayInputStream(buffer, 0, length), Optional.of(sha256), length);
            if (!stored.sha256().equals(sha256)) {
                throw new KeelException(ErrorCode.INTERNAL, "blob store answered " + stored.sha256()
                        + " for chunk " + sha256);
            }
        }
        return new BlobRef(sha256, length);
    }
}
