package dev.keel.data.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire encoding of records, one JSON object per record (so a split streams as JSON Lines):
 *
 * <pre>{@code
 * {"row": 17, "values": {"image": {"dtype": "uint8", "shape": [28, 28], "data": "<base64>"}, "label": 9}}
 * }</pre>
 *
 * Integers are JSON integers, floats JSON numbers with a fraction or exponent, booleans, strings, missing
 * values {@code null}. A tensor is an object with {@code dtype}, {@code shape} and {@code data}: the
 * base64 of its little-endian, row-major element bytes (4/3 of the raw size, where nested arrays of numbers
 * would be ~4 times). A batch is {@code {"table": …, "split": …, "rows": [record, …]}}. The encoding is a
 * persisted contract: {@code RecordJsonTest} checks it against a golden sample.
 */
public final class RecordJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {}

    public static ObjectNode toJson(Row row) {
        ObjectNode node = NODES.objectNode();
        node.put("row", row.index());
        ObjectNode values = node.putObject("values");
        row.values().forEach((column, value) -> values.set(column, valueToJson(value)));
        return node;
    }

    public static ObjectNode toJson(RecordBatch batch) {
        ObjectNode node = NODES.objectNode();
        node.put("table", batch.table());
        node.put("split", batch.split());
        ArrayNode rows = node.putArray("rows");
        batch.rows().forEach(row -> rows.add(toJson(row)));
        return node;
    }

    public static JsonNode valueToJson(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Long number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(number);
            case Boolean bool -> NODES.booleanNode(bool);
            case String text -> NODES.textNode(text);
            case Tensor tensor -> tensorToJson(tensor);
            default -> throw new IllegalArgumentException("value: " + value.getClass().getName()
                    + " (expected: Long, Double, Boolean, String, Tensor or null)");
        };
    }

    private static ObjectNode tensorToJson(Tensor tensor) {
        ObjectNode node = NODES.objectNode();
        node.put("dtype", tensor.dtype().jsonName());
        ArrayNode shape = node.putArray("shape");
        for (int dimension : tensor.shape()) {
            shape.add(dimension);
        }
        node.put("data", tensor.toBase64());
        return node;
    }

    /** Decodes one record written by {@link #toJson(Row)}; a malformed record is {@code MALFORMED_DATA}. */
    public static Row rowFromJson(JsonNode node) {
        JsonNode index = node.path("row");
        JsonNode values = node.path("values");
        if (!index.canConvertToLong() || !values.isObject()) {
            throw malformed("record: " + abbreviate(node) + " (expected: {\"row\": n, \"values\": {…}})");
        }
        Map<String, Object> decoded = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : values.properties()) {
            decoded.put(field.getKey(), valueFromJson(field.getKey(), field.getValue()));
        }
        return new Row(index.asLong(), decoded);
    }

    /** Decodes one batch written by {@link #toJson(RecordBatch)}. */
    public static RecordBatch batchFromJson(JsonNode node) {
        if (!node.path("table").isTextual() || !node.path("split").isTextual() || !node.path("rows").isArray()) {
            throw malformed("batch: " + abbreviate(node) + " (expected: {\"table\", \"split\", \"rows\"})");
        }
        List<Row> rows = new ArrayList<>();
        node.get("rows").forEach(row -> rows.add(rowFromJson(row)));
        return new RecordBatch(node.get("table").asText(), node.get("split").asText(), rows);
    }

    private static Object valueFromJson(String column, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isObject() && value.path("dtype").isTextual() && value.path("shape").isArray()
                && value.path("data").isTextual()) {
            int[] shape = new int[value.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = value.get("shape").get(i).asInt(-1);
            }
            try {
                return Tensor.wrap(DType.parse(value.get("dtype").asText()), shape,
                        Base64.getDecoder().decode(value.get("data").asText()));
            } catch (IllegalArgumentException | KeelException e) {
                throw malformed("values." + column + ": " + e.getMessage());
            }
        }
        throw malformed("values." + column + ": " + abbreviate(value)
                + " (expected: number, boolean, string, null or {\"dtype\", \"shape\", \"data\"})");
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static KeelException malformed(String message) {
        return new KeelException(ErrorCode.MALFORMED_DATA, message);
    }
}
