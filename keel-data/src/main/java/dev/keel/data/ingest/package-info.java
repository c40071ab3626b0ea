/**
 * Ingest: how dataset files reach the blob store. {@link dev.keel.data.ingest.ChunkedFileStore} stores binary
 * files (IDX, images, anything not text) whole, one blob each, and cuts text files (csv, tsv, jsonl, ndjson,
 * json, txt) into content-defined chunks (gear rolling hash, cut at a line end near each hash cut point,
 * 4/16/128 KiB min/average/max, see
 * {@link dev.keel.data.ingest.ChunkingParameters#defaults()}) so a version with a few rows changed stores only the chunks around them.
 * The manifest always records the whole-file SHA-256 and size; reads reassemble chunks and verify it.
 *
 * <p>HTTP uploads go through the generic {@code POST /api/v1/blobs}, which stores a text file whole. The
 * commit path therefore chunks such a file when a version first references it
 * ({@link dev.keel.data.ingest.ChunkedFileStore#chunkWholeBlob}: re-read, split, index) and, once the
 * version is committed, deletes the now redundant whole blob. That keeps the dedup property for CLI uploads
 * without a second upload endpoint; the cost is one extra read of each new text file on the server.
 *
 * <p>Crash safety: chunk blobs are written (atomically, by the blob store) before the chunk index row, and
 * the index before any version that references the file, so a crash at any point leaves at most unreferenced
 * blobs, never a version with a missing file.
 */
package dev.keel.data.ingest;
