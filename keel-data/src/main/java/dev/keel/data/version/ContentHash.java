package dev.keel.data.version;

import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;

/**
 * The content hash of a version: SHA-256 of its canonical manifest, so identical files at identical paths
 * give an identical hash whoever committed them, when, and with which message or parent.
 *
 * <p>Canonical form (a persisted format; never change it): one line per file, sorted by path in UTF-8 byte
 * order, each {@code <sha256> <size> <path>\n} with the lower-case hex SHA-256, the size in decimal bytes,
 * single spaces, and the path in UTF-8. An empty version hashes the empty string. Format options, splits,
 * tags and messages are not content and are left out. {@code sha256sum}-style checking is possible by
 * hand: {@code sort} the lines and pipe them to {@code sha256sum}.
 */
public final class ContentHash {
    static final Comparator<String> UTF8_ORDER = (a, b) -> java.util.Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private ContentHash() {}

    public static String of(List<ManifestEntry> manifest) {
        MessageDigest digest = Sha256.newDigest();
        manifest.stream().sorted(Comparator.comparing(ManifestEntry::path, UTF8_ORDER)).forEach(entry ->
                digest.update((entry.sha256() + " " + entry.size() + " " + entry.path() + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
        return Sha256.hex(digest.digest());
    }
}
