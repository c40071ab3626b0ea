package dev.keel.train.tracking.search;

import java.util.Locale;
import java.util.Optional;

/** What a filter or order-by term refers to: a metric (latest value), a param, a tag or a run attribute. */
public enum Entity {
    METRIC,
    PARAM,
    TAG,
    ATTRIBUTE;

    /** MLflow's prefixes, singular or plural ({@code metrics.}, {@code param.}, {@code attributes.}, {@code run.}). */
    static Optional<Entity> ofPrefix(String prefix) {
        return switch (prefix.toLowerCase(Locale.ROOT)) {
            case "metric", "metrics" -> Optional.of(METRIC);
            case "param", "params", "parameter", "parameters" -> Optional.of(PARAM);
            case "tag", "tags" -> Optional.of(TAG);
            case "attribute", "attributes", "attr", "run" -> Optional.of(ATTRIBUTE);
            default -> Optional.empty();
        };
    }
}
