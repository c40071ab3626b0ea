package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A run search: experiments to look in, a filter in MLflow's syntax (may be null), order-by clauses
 * ({@code metrics.val_accuracy DESC}), the lifecycle view, a page size and the token of the previous page.
 */
public record RunQuery(List<String> experimentIds, String filter, List<String> orderBy, ViewType view, int maxResults,
        String pageToken) {
    public static final int DEFAULT_MAX_RESULTS = 1000;
    public static final int MAX_RESULTS = 50_000;

    public RunQuery {
        experimentIds = List.copyOf(experimentIds);
        orderBy = List.copyOf(orderBy);
        requireNonNull(view, "view is null");
    }

    public static RunQuery of(List<String> experimentIds, String filter, List<String> orderBy) {
        return new RunQuery(experimentIds, filter, orderBy, ViewType.ACTIVE_ONLY, DEFAULT_MAX_RESULTS, null);
    }
}
