package dev.keel.data.format;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.keel.core.error.KeelException;
import java.util.Locale;

/** A file format Keel reads. Serialised in lower case: {@code "idx"}, {@code "csv"}, {@code "jsonl"}, {@code "json"}, {@code "image_folder"}. */
public enum Format {
    IDX,
    CSV,
    JSONL,
    /** A {@code .json} file holding one array of objects. */
    JSON,
    IMAGE_FOLDER;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Format parse(String name) {
        for (Format format : values()) {
            if (format.jsonName().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw KeelException.invalid("format: " + name + " (expected: idx, csv, jsonl, json or image_folder)");
    }
}
