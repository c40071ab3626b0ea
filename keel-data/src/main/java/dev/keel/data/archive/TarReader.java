package dev.keel.data.archive;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the regular files of a tar stream one after another (ustar, with PAX {@code path} and GNU long-name
 * headers), as npm package tarballs are written. Each entry's content must be read (or skipped) before
 * {@link #next()} is called again.
 */
public final class TarReader {
    private static final int BLOCK = 512;

    private final InputStream in;
    private long remaining;
    private long padding;

    public TarReader(InputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    /** One regular file: its path in the archive, its size and a stream of exactly its bytes. */
    public record Entry(String path, long size, InputStream content) {}

    public Optional<Entry> next() throws IOException {
        skipRest();
        String longName = null;
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length < BLOCK || isZero(header)) {
                return Optional.empty();
            }
            long size = parseOctal(header, 124, 12);
            byte type = header[156];
            if (type == 'x' || type == 'L') {
                String body = new String(readExactly(size), StandardCharsets.UTF_8);
                skipPadding(size);
                longName = type == 'L' ? body.replace("\0", "") : paxPath(body).orElse(longName);
                continue;
            }
            if (type == 'g') {
                readExactly(size);
                skipPadding(size);
                continue;
            }
            String name = longName != null ? longName : ustarName(header);
            longName = null;
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            if (type == '0' || type == 0) {
                return Optional.of(new Entry(name, size, new EntryStream()));
            }
            skipRest();
        }
    }

    private void skipRest() throws IOException {
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar entry truncated");
                }
                skipped = 1;
            }
            remaining -= skipped;
        }
        in.skipNBytes(padding);
        padding = 0;
    }

    private void skipPadding(long size) throws IOException {
        in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
    }

    private byte[] readExactly(long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar extended header of " + size + " bytes (expected: at most 1 MiB)");
        }
        byte[] bytes = in.readNBytes((int) size);
        if (bytes.length != size) {
            throw new EOFException("tar header truncated");
        }
        return bytes;
    }

    private static Optional<String> paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return Optional.of(record.substring(space + 6));
            }
        }
        return Optional.empty();
    }

    private static String ustarName(byte[] header) {
        String name = cString(header, 0, 100);
        String prefix = cString(header, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] bytes, int offset, int length) throws IOException {
        String text = cString(bytes, offset, length).trim();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("tar header size: " + text + " (expected: octal digits)", e);
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private final class EntryStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("tar entry truncated");
            }
            remaining -= n;
            return n;
        }

        @Override
        public void close() {
            // The archive stream stays open for the next entry.
        }
    }
}
