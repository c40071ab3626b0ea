package dev.keel.core.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number of bytes written the way people write them in config files: {@code 512}, {@code 16MB}, {@code 64GB}. */
public record DataSize(long bytes) {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([KMGT]?I?B?)", Pattern.CASE_INSENSITIVE);

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 0)");
        }
    }

    /** Units are powers of 1024 (so {@code 1KB} = 1024 bytes); a bare number is bytes. */
    public static DataSize parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(text + " (expected: a size such as 512, 64KB, 16MB, 2GB)");
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT).replace("I", "");
        int shift = switch (unit) {
            case "", "B" -> 0;
            case "K", "KB" -> 10;
            case "M", "MB" -> 20;
            case "G", "GB" -> 30;
            case "T", "TB" -> 40;
            default -> throw new IllegalArgumentException(text + " (expected: a unit of B, KB, MB, GB or TB)");
        };
        try {
            long value = Long.parseLong(m.group(1));
            if (value > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException(text + " (expected: at most 8EB)");
            }
            return new DataSize(value << shift);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + " (expected: a size such as 16MB)", e);
        }
    }

    public static DataSize ofMegabytes(long megabytes) {
        return new DataSize(megabytes << 20);
    }

    @Override
    public String toString() {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        long value = bytes;
        int unit = 0;
        while (unit < units.length - 1 && value != 0 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }
}
