package dev.keel.workflow.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${…}} references a step's params may hold: {@code ${steps.STEP.outputs.KEY}},
 * {@code ${params.NAME}}, {@code ${trigger.KEY}} (kind, dataset, dataset_version, time) and {@code ${run.id}}.
 * {@code $$} escapes a literal dollar.
 */
public final class References {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([^}]*)}");
    public static final List<String> TRIGGER_KEYS = List.of("kind", "dataset", "dataset_version", "time");

    private References() {}

    /** One {@code ${…}} occurrence: the dotted path split into its parts. */
    public record Reference(String text, List<String> parts) {
        public Reference {
            parts = List.copyOf(parts);
        }
    }

    public static List<Reference> find(String value) {
        List<Reference> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) {
            if (m.group(1) != null) {
                found.add(new Reference(m.group(), List.of(m.group(1).trim().split("\\.", -1))));
            }
        }
        return found;
    }

    /** {@code value} with every reference replaced by what {@code lookup} answers for it. */
    public static String substitute(String value, Function<Reference, String> lookup) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null ? "$"
                    : lookup.apply(new Reference(m.group(), List.of(m.group(1).trim().split("\\.", -1))));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
