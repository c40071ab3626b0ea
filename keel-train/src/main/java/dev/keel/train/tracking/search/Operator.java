package dev.keel.train.tracking.search;

/** A comparison in a filter; {@link #sql} is a constant, so no user text ever reaches the statement. */
public enum Operator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LIKE("LIKE"),
    ILIKE("ILIKE"),
    IN("IN"),
    NOT_IN("NOT IN");

    private final String sql;

    Operator(String sql) {
        this.sql = sql;
    }

    String sql() {
        return sql;
    }

    boolean isOrdering() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }

    boolean isList() {
        return this == IN || this == NOT_IN;
    }

    boolean isPattern() {
        return this == LIKE || this == ILIKE;
    }
}
