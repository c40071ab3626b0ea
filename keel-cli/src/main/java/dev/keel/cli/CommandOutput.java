package dev.keel.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keel.client.KeelClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * Prints a command's result in the chosen {@link OutputFormat}: the value itself as JSON, or a table built
 * from it. Results go to stdout; progress and errors go to stderr so {@code --output json} stays parseable.
 */
public final class CommandOutput {
    private final OutputFormat format;
    private final PrintWriter out;
    private final ObjectMapper json = KeelClient.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CommandOutput(OutputFormat format, PrintWriter out) {
        this.format = requireNonNull(format, "format is null");
        this.out = requireNonNull(out, "out is null");
    }

    public OutputFormat format() {
        return format;
    }

    /** Prints {@code items} as a JSON array or as a table with one row per item. */
    public <T> void list(List<T> items, List<String> headers, Function<T, List<?>> row) {
        if (format == OutputFormat.JSON) {
            printJson(items);
        } else {
            out.print(TableRenderer.render(headers, items.stream().<List<?>>map(row).toList()));
            out.flush();
        }
    }

    /** Prints {@code value} as JSON, or as a two-column FIELD/VALUE table. */
    public void object(Object value, List<String> fields, Function<Object, List<?>> values) {
        if (format == OutputFormat.JSON) {
            printJson(value);
            return;
        }
        List<?> cells = values.apply(value);
        List<List<?>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            rows.add(java.util.Arrays.asList(fields.get(i), cells.get(i)));
        }
        out.print(TableRenderer.render(List.of("field", "value"), rows));
        out.flush();
    }

    /** A line for people; skipped with {@code --output json}. */
    public void message(String line) {
        if (format == OutputFormat.TABLE) {
            out.println(line);
            out.flush();
        }
    }

    public void printJson(Object value) {
        try {
            out.println(json.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print result as JSON", e);
        }
    }
}
