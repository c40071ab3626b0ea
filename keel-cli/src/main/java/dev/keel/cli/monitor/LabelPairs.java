package dev.keel.cli.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** Parses repeated {@code --label k=v} options and short durations ({@code 5m}) for the monitor commands. */
final class LabelPairs {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private LabelPairs() {}

    static Map<String, String> parse(CommandSpec spec, String option, List<String> pairs) {
        Map<String, String> labels = new TreeMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), option + ": " + pair + " (expected: name=value)");
            }
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return labels;
    }

    /** {@code 5m} → {@code PT5M}; ISO-8601 passes through (the server names a bad one). */
    static String isoDuration(String text) {
        Matcher m = SHORT.matcher(text.trim());
        if (!m.matches()) {
            return text;
        }
        long n = Long.parseLong(m.group(1));
        return (switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        }).toString();
    }
}
