package dev.keel.data.version;

import dev.keel.core.error.Problems;

/** Rules for file paths inside a version: what a tar, a file system and a URL can all hold safely. */
final class DatasetPaths {
    static final int MAX_LENGTH = 1024;

    private DatasetPaths() {}

    /** Adds a problem naming {@code field} and the path unless the path is acceptable. */
    static void check(Problems problems, String field, String path) {
        if (path == null || path.isEmpty()) {
            problems.add(field, "\"\"", "a relative path such as data/train.csv");
            return;
        }
        String expected = null;
        if (path.length() > MAX_LENGTH) {
            expected = "at most " + MAX_LENGTH + " characters";
        } else if (path.startsWith("/")) {
            expected = "a relative path, not an absolute one";
        } else if (path.indexOf('\\') >= 0) {
            expected = "'/' as separator, no backslashes";
        } else if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            expected = "no control characters";
        } else if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            expected = "a relative path, not a drive path";
        } else {
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    expected = "no empty, '.' or '..' segments";
                    break;
                }
            }
        }
        if (expected != null) {
            String shown = path.length() > 120 ? path.substring(0, 120) + "…" : path;
            problems.add(field, shown.replaceAll("\\p{Cntrl}", "?"), expected);
        }
    }
}
