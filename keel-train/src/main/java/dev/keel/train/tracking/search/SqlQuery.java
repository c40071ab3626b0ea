package dev.keel.train.tracking.search;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A statement with {@code ?} placeholders and the values to bind to them, in order. */
public record SqlQuery(String sql, List<Object> parameters) {
    public SqlQuery {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
    }
}
