package dev.keel.train.tracking.search;

import static java.util.Objects.requireNonNull;

/** One sort key: {@code metrics.val_accuracy DESC}, {@code attributes.start_time} (ascending by default). */
public record OrderBy(Entity entity, String key, boolean descending) {
    public OrderBy {
        requireNonNull(entity, "entity is null");
        requireNonNull(key, "key is null");
    }
}
