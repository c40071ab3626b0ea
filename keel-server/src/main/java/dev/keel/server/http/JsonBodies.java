package dev.keel.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.keel.core.error.KeelException;
import java.io.IOException;

/**
 * Reads request bodies strictly (unknown fields are errors: a misspelt field must not be silently ignored)
 * and turns every Jackson failure into a 400 that names the field and what was expected.
 */
public final class JsonBodies {
    private JsonBodies() {}

    public static ObjectMapper newObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public static <T> T read(ObjectMapper json, byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw KeelException.invalid("request body: empty (expected: a JSON object)");
        }
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    static KeelException invalid(IOException e) {
        if (e instanceof JsonParseException parse) {
            return KeelException.invalid("request body: not valid JSON at line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + " (" + parse.getOriginalMessage() + ")");
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            // A record's compact constructor rejected the value; its message already names the field.
            Throwable cause = instantiation.getCause();
            if (cause instanceof KeelException keel) {
                return keel;
            }
            return KeelException.invalid(field(instantiation, "request body") + ": " + cause.getMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return KeelException.invalid(field(unknown, "") + ": unknown field (expected one of: "
                    + unknown.getKnownPropertyIds() + ")");
        }
        if (e instanceof InvalidFormatException format) {
            return KeelException.invalid(field(format, "request body") + ": " + format.getValue()
                    + " (expected: " + simpleName(format.getTargetType()) + ")");
        }
        if (e instanceof MismatchedInputException mismatch) {
            return KeelException.invalid(field(mismatch, "request body") + ": wrong type (expected: "
                    + simpleName(mismatch.getTargetType()) + ")");
        }
        if (e instanceof JsonProcessingException processing) {
            return KeelException.invalid("request body: " + processing.getOriginalMessage());
        }
        return KeelException.invalid("request body: unreadable (" + e.getMessage() + ")");
    }

    /** {@code a.b[2].c} for the JSON location of a failure. */
    static String field(JsonMappingException e, String whole) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.isEmpty() ? whole : path.toString();
    }

    private static String simpleName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return type.getSimpleName();
    }
}
