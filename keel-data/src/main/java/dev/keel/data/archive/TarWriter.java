package dev.keel.data.archive;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX tar stream (ustar headers; a PAX extended header first for a path that ustar cannot hold,
 * i.e. longer than 100 bytes or not ASCII, and for files of 8 GiB or more). Files are copied as they stream,
 * so an archive of any size needs one 512-byte header buffer and a copy buffer.
 */
public final class TarWriter {
    private static final int BLOCK = 512;
    private static final long MAX_OCTAL_SIZE = 077777777777L;

    private final OutputStream out;
    private boolean finished;

    public TarWriter(OutputStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    /** Writes one regular file of exactly {@code size} bytes read from {@code content}. */
    public void writeFile(String path, long size, InputStream content) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        boolean needsPax = name.length > 100 || !isAscii(name) || size > MAX_OCTAL_SIZE;
        if (needsPax) {
            byte[] records = (paxRecord("path", path) + paxRecord("size", Long.toString(size)))
                    .getBytes(StandardCharsets.UTF_8);
            out.write(header(ascii("PaxHeader/" + Integer.toHexString(path.hashCode())), records.length, (byte) 'x'));
            out.write(records);
            pad(records.length);
        }
        byte[] shortName = needsPax ? ascii(asciiFallback(path)) : name;
        out.write(header(shortName, Math.min(size, MAX_OCTAL_SIZE), (byte) '0'));
        long copied = content.transferTo(new BoundedOutput(out, size, path));
        if (copied != size) {
            throw new IOException(path + ": " + copied + " bytes read (expected: " + size + ")");
        }
        pad(size);
    }

    /** Writes the two zero blocks that end an archive and flushes; the stream itself stays open. */
    public void finish() throws IOException {
        if (!finished) {
            out.write(new byte[2 * BLOCK]);
            out.flush();
            finished = true;
        }
    }

    private static byte[] header(byte[] name, long size, byte type) {
        byte[] header = new byte[BLOCK];
        System.arraycopy(name, 0, header, 0, Math.min(name.length, 100));
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        header[156] = type;
        System.arraycopy(ascii("ustar\0"), 0, header, 257, 6);
        header[263] = '0';
        header[264] = '0';
        // The checksum is computed with its own field read as spaces.
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        return header;
    }

    /** Zero-padded octal, NUL-terminated, in {@code header[offset, offset + length)}. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        System.arraycopy(ascii(padded), 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }

    /** A PAX record is "LEN key=value\n" where LEN counts the whole record, itself included. */
    private static String paxRecord(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    private void pad(long size) throws IOException {
        int remainder = (int) (size % BLOCK);
        if (remainder != 0) {
            out.write(new byte[BLOCK - remainder]);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String asciiFallback(String path) {
        String ascii = path.replaceAll("[^\\x20-\\x7e]", "_");
        return ascii.length() > 100 ? ascii.substring(ascii.length() - 100) : ascii;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Fails rather than writing more bytes than the header announced (which would corrupt the archive). */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private final String path;
        private long remaining;

        BoundedOutput(OutputStream out, long size, String path) {
            this.out = out;
            this.remaining = size;
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > remaining) {
                throw new IOException(path + ": more bytes than its manifest size");
            }
            out.write(bytes, offset, length);
            remaining -= length;
        }
    }
}
