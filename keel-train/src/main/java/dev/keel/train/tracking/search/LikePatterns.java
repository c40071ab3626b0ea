package dev.keel.train.tracking.search;

/** Turns a SQL LIKE pattern into a SQLite GLOB pattern, which is case-sensitive as LIKE is on PostgreSQL. */
final class LikePatterns {
    private LikePatterns() {}

    static String toGlob(String like) {
        StringBuilder glob = new StringBuilder();
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> glob.append('*');
                case '_' -> glob.append('?');
                // GLOB's own wildcards must match themselves: a one-character class does that.
                case '*', '?', '[' -> glob.append('[').append(c).append(']');
                default -> glob.append(c);
            }
        }
        return glob.toString();
    }
}
