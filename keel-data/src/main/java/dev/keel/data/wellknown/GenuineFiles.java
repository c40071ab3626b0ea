package dev.keel.data.wellknown;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.util.List;

/** The check that a file is the genuine one. */
final class GenuineFiles {
    private GenuineFiles() {}

    static void check(WellKnownFile file, String sha256, long size) {
        if (!file.sha256().equals(sha256)) {
            String problem = file.name() + ": sha256 " + sha256 + " (expected: " + file.sha256()
                    + ", the genuine file" + (file.size() >= 0 ? " of " + file.size() + " bytes; this one has " + size : "")
                    + ")";
            throw new KeelException(ErrorCode.HASH_MISMATCH, "not the genuine file: " + problem, List.of(problem));
        }
    }
}
