package dev.keel.data.split;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the options, specs, profiles and plans stored with a version (or sent by a client) from JSON, turning
 * Jackson's errors into {@code INVALID_ARGUMENT} naming the field: {@code format.colTypes: unknown field
 * (expected one of: …)}.
 */
final class StoredJson {
    // Configured once here and never changed: safe to share.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StoredJson() {}

    static <T> T read(JsonNode node, Class<T> type, String what) {
        try {
            return JSON.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw KeelException.invalid(what + "." + e.getPropertyName() + ": unknown field (expected one of: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                    + ")");
        } catch (JsonMappingException e) {
            if (rootCause(e) instanceof KeelException keel) {
                throw keel;
            }
            throw KeelException.invalid(what + path(e.getPath()) + ": " + e.getOriginalMessage());
        } catch (Exception e) {
            throw new KeelException(ErrorCode.INVALID_ARGUMENT, what + ": " + e.getMessage(), e);
        }
    }

    static JsonNode write(Object value) {
        return JSON.valueToTree(value);
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            text.append(reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]");
        }
        return text.toString();
    }
}
