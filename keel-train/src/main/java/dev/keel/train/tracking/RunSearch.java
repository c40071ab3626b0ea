package dev.keel.train.tracking;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.Dialect;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.train.tracking.search.Comparison;
import dev.keel.train.tracking.search.FilterParser;
import dev.keel.train.tracking.search.OrderBy;
import dev.keel.train.tracking.search.RunSearchCompiler;
import dev.keel.train.tracking.search.SqlQuery;
import java.util.ArrayList;
import java.util.List;

/** Runs a {@link RunQuery}: compiles it to one parameterised SELECT of ids, then loads that page's runs. */
final class RunSearch {
    private final MetadataStore store;
    private final RunRepository runs;
    private final RunSearchCompiler compiler;

    RunSearch(MetadataStore store, RunRepository runs) {
        this.store = requireNonNull(store, "store is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.compiler = new RunSearchCompiler(store.dialect() == Dialect.SQLITE);
    }

    RunPage search(RunQuery query) {
        if (query.maxResults() < 1 || query.maxResults() > RunQuery.MAX_RESULTS) {
            throw KeelException.invalid("max_results: " + query.maxResults() + " (expected: 1.." + RunQuery.MAX_RESULTS + ")");
        }
        int offset = PageTokens.decode(query.pageToken());
        List<Comparison> filter = FilterParser.parse(query.filter());
        List<OrderBy> order = query.orderBy().stream().filter(clause -> !clause.isBlank())
                .map(FilterParser::parseOrderBy).toList();
        List<String> stages = switch (query.view()) {
            case ACTIVE_ONLY -> List.of(LifecycleStage.ACTIVE.wireName());
            case DELETED_ONLY -> List.of(LifecycleStage.DELETED.wireName());
            case ALL -> List.of(LifecycleStage.ACTIVE.wireName(), LifecycleStage.DELETED.wireName());
        };
        // One row more than the page tells whether another page follows.
        SqlQuery sql = compiler.compile(query.experimentIds(), stages, filter, order, query.maxResults() + 1, offset);
        List<String> ids = store.jdbi().withHandle(handle -> {
            var statement = handle.createQuery(sql.sql());
            List<Object> parameters = sql.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                statement.bind(i, parameters.get(i));
            }
            return statement.mapTo(String.class).list();
        });
        boolean more = ids.size() > query.maxResults();
        List<String> page = new ArrayList<>(more ? ids.subList(0, query.maxResults()) : ids);
        return new RunPage(runs.load(page), more ? PageTokens.encode(offset + query.maxResults()) : null);
    }
}
