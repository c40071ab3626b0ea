package dev.keel.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.linecorp.armeria.common.QueryParams;
import dev.keel.core.error.KeelException;
import dev.keel.server.auth.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An MLflow call's parameters, from the JSON body (POST) or the query string (GET), read the way MLflow's
 * protobuf JSON allows: int64 fields as numbers or strings, doubles also as "NaN"/"Infinity".
 */
final class MlflowRequest {
    private final Principal principal;
    private final JsonNode body;
    private final QueryParams query;

    MlflowRequest(Principal principal, JsonNode body, QueryParams query) {
        this.principal = principal;
        this.body = body == null || body.isNull() ? MissingNode.getInstance() : body;
        this.query = query;
    }

    Principal principal() {
        return principal;
    }

    JsonNode body() {
        return body;
    }

    Optional<String> string(String name) {
        JsonNode node = body.path(name);
        if (!node.isMissingNode() && !node.isNull()) {
            if (!node.isValueNode()) {
                throw KeelException.invalid(name + ": " + node + " (expected: a string)");
            }
            return Optional.of(node.asText());
        }
        return Optional.ofNullable(query.get(name));
    }

    String requiredString(String name) {
        return string(name).filter(s -> !s.isEmpty()).orElseThrow(() -> missing(name));
    }

    Optional<Long> int64(String name) {
        return string(name).map(text -> {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(text.trim());
                    if (d == Math.rint(d) && !Double.isInfinite(d)) {
                        return (long) d;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw KeelException.invalid(name + ": " + text + " (expected: an integer, as a number or a string)");
            }
        });
    }

    long requiredInt64(String name) {
        return int64(name).orElseThrow(() -> missing(name));
    }

    double requiredDouble(String name) {
        return MlflowJson.parseDouble(name, string(name).orElseThrow(() -> missing(name)));
    }

    /** A repeated field: a JSON array in the body, or the query parameter given several times. */
    List<String> strings(String name) {
        JsonNode node = body.path(name);
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        } else if (node.isValueNode()) {
            values.add(node.asText());
        } else {
            values.addAll(query.getAll(name));
        }
        return values;
    }

    static KeelException missing(String name) {
        return KeelException.invalid("Missing value for required parameter '" + name + "'.");
    }
}
