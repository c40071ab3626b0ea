package dev.keel.server.mlflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.Project;
import dev.keel.train.tracking.Experiment;
import dev.keel.train.tracking.PageTokens;
import dev.keel.train.tracking.TrackingService;
import dev.keel.train.tracking.ViewType;
import dev.keel.train.tracking.search.Comparison;
import dev.keel.train.tracking.search.Entity;
import dev.keel.train.tracking.search.FilterParser;
import dev.keel.train.tracking.search.OrderBy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** MLflow's {@code experiments/*} endpoints. Experiments live in Keel's default project. */
final class MlflowExperimentHandlers {
    private static final int MAX_RESULTS = 50_000;

    private final TrackingService tracking;
    private final MlflowJson shapes;

    MlflowExperimentHandlers(TrackingService tracking, MlflowJson shapes) {
        this.tracking = requireNonNull(tracking, "tracking is null");
        this.shapes = requireNonNull(shapes, "shapes is null");
    }

    JsonNode create(MlflowRequest request) {
        String name = request.requiredString("name");
        Experiment experiment = tracking.createExperiment(name, MlflowJson.keyValueList("tags", request.body().path("tags")));
        return shapes.object().put("experiment_id", experiment.id());
    }

    JsonNode get(MlflowRequest request) {
        Experiment experiment = tracking.getExperiment(request.requiredString("experiment_id"));
        ObjectNode answer = shapes.object();
        answer.set("experiment", shapes.experiment(experiment));
        return answer;
    }

    JsonNode getByName(MlflowRequest request) {
        Experiment experiment = tracking.getExperimentByName(Project.DEFAULT_ID, request.requiredString("experiment_name"));
        ObjectNode answer = shapes.object();
        answer.set("experiment", shapes.experiment(experiment));
        return answer;
    }

    /** Filters on {@code name} and {@code tags.*} (=, !=, LIKE, ILIKE) in Java: experiments are few. */
    JsonNode search(MlflowRequest request) {
        int maxResults = request.int64("max_results").map(Long::intValue).orElse(1000);
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw KeelException.invalid("max_results: " + maxResults + " (expected: 1.." + MAX_RESULTS + ")");
        }
        ViewType view = ViewType.parse("view_type", request.string("view_type").orElse(null));
        List<Comparison> filter = FilterParser.parse(request.string("filter").orElse(null));
        List<Experiment> matching = new ArrayList<>(tracking.listExperiments(Project.DEFAULT_ID, view, 0, MAX_RESULTS)
                .stream().filter(e -> filter.stream().allMatch(c -> matches(e, c))).toList());
        matching.sort(order(request.strings("order_by")));
        int offset = PageTokens.decode(request.string("page_token").orElse(null));
        List<Experiment> page = matching.subList(Math.min(offset, matching.size()),
                Math.min(matching.size(), offset + maxResults));
        ObjectNode answer = shapes.object();
        ArrayNode list = answer.putArray("experiments");
        page.forEach(e -> list.add(shapes.experiment(e)));
        if (offset + maxResults < matching.size()) {
            answer.put("next_page_token", PageTokens.encode(offset + maxResults));
        }
        return answer;
    }

    JsonNode update(MlflowRequest request) {
        tracking.renameExperiment(request.requiredString("experiment_id"), request.requiredString("new_name"));
        return shapes.object();
    }

    JsonNode delete(MlflowRequest request) {
        tracking.deleteExperiment(request.requiredString("experiment_id"));
        return shapes.object();
    }

    JsonNode restore(MlflowRequest request) {
        tracking.restoreExperiment(request.requiredString("experiment_id"));
        return shapes.object();
    }

    JsonNode setTag(MlflowRequest request) {
        tracking.setExperimentTag(request.requiredString("experiment_id"), request.requiredString("key"),
                request.string("value").orElse(""));
        return shapes.object();
    }

    private static boolean matches(Experiment experiment, Comparison c) {
        String actual;
        if (c.entity() == Entity.TAG) {
            actual = experiment.tags().get(c.key());
        } else if (c.entity() == Entity.ATTRIBUTE && c.key().equalsIgnoreCase("name")) {
            actual = experiment.name();
        } else {
            throw KeelException.invalid("filter: " + c.key() + " (expected: name or tags.<key> for experiments)");
        }
        if (actual == null) {
            return false;
        }
        String expected = String.valueOf(c.values().getFirst());
        return switch (c.operator()) {
            case EQUAL -> actual.equals(expected);
            case NOT_EQUAL -> !actual.equals(expected);
            case LIKE -> actual.matches(likeRegex(expected));
            case ILIKE -> actual.toLowerCase(Locale.ROOT).matches(likeRegex(expected.toLowerCase(Locale.ROOT)));
            case IN -> c.values().contains(actual);
            case NOT_IN -> !c.values().contains(actual);
            default -> throw KeelException.invalid("filter: " + c.operator() + " (expected: =, !=, LIKE or ILIKE)");
        };
    }

    private static String likeRegex(String like) {
        StringBuilder regex = new StringBuilder();
        for (char ch : like.toCharArray()) {
            regex.append(ch == '%' ? ".*" : ch == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(ch)));
        }
        return regex.toString();
    }

    private static Comparator<Experiment> order(List<String> clauses) {
        Comparator<Experiment> order = null;
        for (String clause : clauses) {
            OrderBy by = FilterParser.parseOrderBy(clause);
            Comparator<Experiment> next = switch (by.key().toLowerCase(Locale.ROOT)) {
                case "name" -> Comparator.comparing(Experiment::name);
                case "creation_time" -> Comparator.comparing(Experiment::createdAt);
                case "last_update_time" -> Comparator.comparing(Experiment::updatedAt);
                case "experiment_id" -> Comparator.comparing(Experiment::id);
                default -> throw KeelException.invalid("order_by: " + clause
                        + " (expected: name, creation_time, last_update_time or experiment_id)");
            };
            next = by.descending() ? next.reversed() : next;
            order = order == null ? next : order.thenComparing(next);
        }
        Comparator<Experiment> fallback = Comparator.comparing(Experiment::createdAt).reversed()
                .thenComparing(Experiment::id);
        return order == null ? fallback : order.thenComparing(fallback);
    }
}
