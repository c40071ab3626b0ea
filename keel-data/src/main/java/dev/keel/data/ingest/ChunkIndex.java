package dev.keel.data.ingest;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.store.blob.BlobRef;
import dev.keel.store.metadata.MetadataStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The {@code chunked_files}/{@code file_chunks} tables: which chunk blobs make up a text file. */
final class ChunkIndex {
    record Entry(long size, List<BlobRef> chunks) {}

    private final MetadataStore metadata;
    private final Clock clock;

    ChunkIndex(MetadataStore metadata, Clock clock) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    Optional<Entry> find(String fileSha256) {
        List<BlobRef> chunks = metadata.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT chunk_sha256, size FROM file_chunks WHERE file_sha256 = :sha ORDER BY ordinal")
                .bind("sha", fileSha256)
                .map((rs, ctx) -> new BlobRef(rs.getString(1), rs.getLong(2)))
                .list());
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(chunks.stream().mapToLong(BlobRef::size).sum(), chunks));
    }

    /** Records a file's chunks once; a concurrent writer of the same content is fine (same rows). */
    void record(BlobRef file, List<BlobRef> chunks) {
        try {
            metadata.inTransaction(handle -> {
                boolean known = handle.createQuery("SELECT COUNT(*) FROM chunked_files WHERE sha256 = :sha")
                        .bind("sha", file.sha256()).mapTo(Integer.class).one() > 0;
                if (known) {
                    return null;
                }
                handle.createUpdate("INSERT INTO chunked_files (sha256, size, chunk_count, created_at)"
                                + " VALUES (:sha, :size, :count, :at)")
                        .bind("sha", file.sha256()).bind("size", file.size()).bind("count", chunks.size())
                        .bind("at", clock.millis()).execute();
                PreparedBatch batch = handle.prepareBatch("INSERT INTO file_chunks"
                        + " (file_sha256, ordinal, chunk_sha256, size) VALUES (:file, :ordinal, :chunk, :size)");
                for (int i = 0; i < chunks.size(); i++) {
                    batch.bind("file", file.sha256()).bind("ordinal", i)
                            .bind("chunk", chunks.get(i).sha256()).bind("size", chunks.get(i).size()).add();
                }
                batch.execute();
                return null;
            });
        } catch (KeelException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
        }
    }
}
