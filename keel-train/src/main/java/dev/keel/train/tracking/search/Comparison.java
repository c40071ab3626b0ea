package dev.keel.train.tracking.search;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One term of a filter: {@code entity.key operator value}. {@code values} holds one value, or several for
 * IN / NOT IN; each is a {@code String} or, for numbers, a {@code Double}.
 */
public record Comparison(Entity entity, String key, Operator operator, List<Object> values) {
    public Comparison {
        requireNonNull(entity, "entity is null");
        requireNonNull(key, "key is null");
        requireNonNull(operator, "operator is null");
        values = List.copyOf(values);
    }
}
