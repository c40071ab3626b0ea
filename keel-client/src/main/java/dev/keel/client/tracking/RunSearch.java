package dev.keel.client.tracking;

import java.util.List;

/**
 * A run search: experiments by id or name (empty: all active ones), a filter in MLflow's syntax
 * ({@code metrics.val_accuracy > 0.9 and params.lr = '0.01'}), sort clauses ({@code metrics.val_accuracy DESC}),
 * {@code view} ({@code active}, {@code deleted}, {@code all}), page size and token.
 */
public record RunSearch(List<String> experiments, String filter, List<String> sort, String view, int maxResults,
        String pageToken) {
    public RunSearch {
        experiments = List.copyOf(experiments);
        sort = List.copyOf(sort);
    }

    public static RunSearch of(List<String> experiments, String filter, List<String> sort) {
        return new RunSearch(experiments, filter, sort, null, 100, null);
    }
}
