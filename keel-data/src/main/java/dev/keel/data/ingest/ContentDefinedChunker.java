package dev.keel.data.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * Splits a stream into chunks whose boundaries depend on content, not offsets, so an insertion or edit
 * moves only the chunks around it. A gear rolling hash (as in FastCDC) proposes a cut point once a chunk
 * has {@code minSize} bytes; the chunker then cuts just after the next line end within {@code lineWindow}
 * bytes, so chunks of CSV/JSONL files hold whole rows, or exactly at the proposal when no line end is near
 * (minified JSON). A chunk never exceeds {@code maxSize}.
 */
final class ContentDefinedChunker {
    /** Fixed seed: cut points must be the same in every process and release, or dedup is lost. */
    private static final long[] GEAR = gearTable(0x6b65656c_67656172L);

    private final ChunkingParameters parameters;
    private final int maskShift;

    ContentDefinedChunker(ChunkingParameters parameters) {
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.maskShift = 64 - parameters.maskBits();
    }

    interface ChunkConsumer {
        void accept(byte[] buffer, int length) throws IOException;
    }

    /** Reads {@code in} to its end, handing each chunk to {@code consumer} in order. */
    void split(InputStream in, ChunkConsumer consumer) throws IOException {
        byte[] buffer = new byte[parameters.maxSize()];
        int filled = 0;
        boolean eof = false;
        while (true) {
            while (!eof && filled < buffer.length) {
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    eof = true;
                } else {
                    filled += read;
                }
            }
            if (filled == 0) {
                return;
            }
            int cut = findCut(buffer, filled);
            consumer.accept(buffer, cut);
            System.arraycopy(buffer, cut, buffer, 0, filled - cut);
            filled -= cut;
        }
    }

    /** Length of the next chunk at the start of {@code buffer[0, length)}. */
    int findCut(byte[] buffer, int length) {
        int min = parameters.minSize();
        if (length <= min) {
            return length;
        }
        long hash = 0;
        int candidate = -1;
        // The hash only remembers the last 64 bytes, so hashing may start 64 bytes before min.
        for (int i = Math.max(0, min - 64); i < length; i++) {
            hash = (hash << 1) + GEAR[buffer[i] & 0xff];
            if (i + 1 < min) {
                continue;
            }
            if (candidate < 0 && (hash >>> maskShift) == 0) {
                candidate = i + 1;
            }
            if (candidate >= 0) {
                if (buffer[i] == '\n') {
                    return i + 1;
                }
                if (i + 1 - candidate >= parameters.lineWindow()) {
                    return candidate;
                }
            }
        }
        return candidate >= 0 ? candidate : length;
    }

    private static long[] gearTable(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] table = new long[256];
        for (int i = 0; i < table.length; i++) {
            table[i] = random.nextLong();
        }
        return table;
    }
}
