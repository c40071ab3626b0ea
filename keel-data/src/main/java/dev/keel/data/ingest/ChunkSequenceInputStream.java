package dev.keel.data.ingest;

import dev.keel.store.blob.BlobRef;
import dev.keel.store.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/** The concatenation of chunk blobs, opening each only when the previous one is used up. */
final class ChunkSequenceInputStream extends InputStream {
    private final BlobStore blobs;
    private final Iterator<BlobRef> chunks;
    private InputStream current;

    ChunkSequenceInputStream(BlobStore blobs, List<BlobRef> chunks) {
        this.blobs = blobs;
        this.chunks = List.copyOf(chunks).iterator();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (current == null) {
                if (!chunks.hasNext()) {
                    return -1;
                }
                current = blobs.open(chunks.next().sha256());
            }
            int n = current.read(buffer, offset, length);
            if (n >= 0) {
                return n;
            }
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
