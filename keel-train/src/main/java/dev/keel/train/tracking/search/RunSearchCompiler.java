package dev.keel.train.tracking.search;

import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.train.tracking.RunStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Compiles a run search (experiments, lifecycle stages, filter, order) to one SELECT of run ids. Every value
 * from the user, keys included, is a bound parameter; the statement text is built only from constants.
 * Metrics compare and sort by their latest value; a run without the metric never matches and sorts last.
 */
public final class RunSearchCompiler {
    /** MLflow stores the run name in this tag too; filters on it mean the run name. */
    private static final String RUN_NAME_TAG = "mlflow.runName";

    private final boolean sqlite;

    /** @param sqlite true on SQLite, whose LIKE ignores case, so case-sensitive LIKE becomes GLOB there */
    public RunSearchCompiler(boolean sqlite) {
        this.sqlite = sqlite;
    }

    public SqlQuery compile(List<String> experimentIds, List<String> lifecycleStages, List<Comparison> filter,
            List<OrderBy> order, int limit, int offset) {
        if (experimentIds.isEmpty()) {
            throw KeelException.invalid("experiment_ids: [] (expected: at least one experiment)");
        }
        List<Object> joinParams = new ArrayList<>();
        List<Object> whereParams = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        StringBuilder where = new StringBuilder("r.experiment_id IN (" + placeholders(experimentIds.size()) + ")"
                + " AND r.lifecycle_stage IN (" + placeholders(lifecycleStages.size()) + ")");
        whereParams.addAll(experimentIds);
        whereParams.addAll(lifecycleStages);
        Problems problems = new Problems();
        for (Comparison comparison : filter) {
            try {
                where.append(" AND ").append(condition(comparison, whereParams));
            } catch (KeelException e) {
                e.details().forEach(problems::add);
            }
        }
        problems.throwIfAny("filter");
        StringBuilder orderSql = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            OrderBy by = order.get(i);
            String expression = orderExpression(by, "o" + i, joins, joinParams);
            // NULLS LAST on both engines: sort on "is null" first.
            orderSql.append("(").append(expression).append(" IS NULL), ").append(expression)
                    .append(by.descending() ? " DESC" : " ASC").append(", ");
        }
        orderSql.append("r.start_time DESC, r.id ASC");
        List<Object> parameters = new ArrayList<>(joinParams);
        parameters.addAll(whereParams);
        parameters.add(limit);
        parameters.add(offset);
        return new SqlQuery("SELECT r.id FROM runs r" + joins + " WHERE " + where + " ORDER BY " + orderSql
                + " LIMIT ? OFFSET ?", parameters);
    }

    private String condition(Comparison c, List<Object> params) {
        return switch (c.entity()) {
            case METRIC -> {
                requireNumeric(c);
                params.add(c.key());
                params.add(c.values().getFirst());
                yield "EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_id = r.id AND m.metric_key = ? AND m.metric_value "
                        + c.operator().sql() + " ?)";
            }
            case PARAM -> keyValue(c, "run_params", "param_key", "param_value", params);
            case TAG -> c.key().equals(RUN_NAME_TAG)
                    ? attribute(new Comparison(Entity.ATTRIBUTE, "run_name", c.operator(), c.values()), params)
                    : keyValue(c, "run_tags", "tag_key", "tag_value", params);
            case ATTRIBUTE -> attribute(c, params);
        };
    }

    private String keyValue(Comparison c, String table, String keyColumn, String valueColumn, List<Object> params) {
        requireString(c, c.entity().name().toLowerCase() + "s." + c.key());
        params.add(c.key());
        return "EXISTS (SELECT 1 FROM " + table + " x WHERE x.run_id = r.id AND x." + keyColumn + " = ? AND "
                + stringComparison("x." + valueColumn, c, c.values(), params) + ")";
    }

    private String attribute(Comparison c, List<Object> params) {
        RunAttribute attribute = RunAttribute.of(c.key());
        if (attribute.numeric()) {
            requireNumeric(c);
            params.add(Math.round((Double) c.values().getFirst()));
            return attribute.column() + " " + c.operator().sql() + " ?";
        }
        requireString(c, "attributes." + c.key());
        List<Object> values = c.values();
        if (attribute == RunAttribute.STATUS && !c.operator().isPattern()) {
            values = values.stream().<Object>map(v -> RunStatus.parse("attributes.status", (String) v).name()).toList();
        }
        return stringComparison(attribute.column(), c, values, params);
    }

    private String stringComparison(String column, Comparison c, List<Object> values, List<Object> params) {
        return switch (c.operator()) {
            case EQUAL, NOT_EQUAL -> {
                params.add(values.getFirst());
                yield column + " " + c.operator().sql() + " ?";
            }
            case IN, NOT_IN -> {
                params.addAll(values);
                yield column + " " + c.operator().sql() + " (" + placeholders(values.size()) + ")";
            }
            case LIKE -> {
                if (sqlite) {
                    params.add(LikePatterns.toGlob((String) values.getFirst()));
                    yield column + " GLOB ?";
                }
                params.add(values.getFirst());
                yield column + " LIKE ?";
            }
            case ILIKE -> {
                params.add(values.getFirst());
                yield "LOWER(" + column + ") LIKE LOWER(?)";
            }
            default -> throw new IllegalStateException("checked by requireString: " + c.operator());
        };
    }

    private String orderExpression(OrderBy by, String alias, StringBuilder joins, List<Object> params) {
        return switch (by.entity()) {
            case METRIC -> join(joins, params, "latest_metrics", "metric_key", by.key(), alias) + ".metric_value";
            case PARAM -> join(joins, params, "run_params", "param_key", by.key(), alias) + ".param_value";
            case TAG -> join(joins, params, "run_tags", "tag_key", by.key(), alias) + ".tag_value";
            case ATTRIBUTE -> RunAttribute.find(by.key()).orElseThrow(() -> KeelException.invalid(
                    "order_by: attributes." + by.key() + " (expected: a run attribute such as start_time, end_time,"
                            + " run_name, status)")).column();
        };
    }

    private static String join(StringBuilder joins, List<Object> params, String table, String keyColumn, String key,
            String alias) {
        joins.append(" LEFT JOIN ").append(table).append(' ').append(alias).append(" ON ").append(alias)
                .append(".run_id = r.id AND ").append(alias).append('.').append(keyColumn).append(" = ?");
        params.add(key);
        return alias;
    }

    private static void requireNumeric(Comparison c) {
        String field = c.entity().name().toLowerCase() + "s." + c.key();
        if (c.operator().isPattern() || c.operator().isList()) {
            throw KeelException.invalid(field + ": " + c.operator() + " (expected: =, !=, <, <=, > or >= for numbers)");
        }
        if (!(c.values().getFirst() instanceof Double)) {
            throw KeelException.invalid(field + ": '" + c.values().getFirst() + "' (expected: a number)");
        }
    }

    private static void requireString(Comparison c, String field) {
        if (c.operator().isOrdering()) {
            throw KeelException.invalid(field + ": " + c.operator()
                    + " (expected: =, !=, LIKE, ILIKE, IN or NOT IN for strings)");
        }
        for (Object value : c.values()) {
            if (!(value instanceof String)) {
                throw KeelException.invalid(field + ": " + value + " (expected: a quoted string such as '" + value + "')");
            }
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
