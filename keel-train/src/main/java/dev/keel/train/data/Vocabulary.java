package dev.keel.train.data;

import static java.util.Objects.requireNonNull;

import dev.keel.train.spec.TextSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token ids for a text input: id 0 pads, id 1 stands for every token outside the vocabulary, ids 2.. are the
 * {@code vocabularySize} most frequent tokens of the training split (ties broken alphabetically, so the
 * vocabulary is a function of the data alone). Stored with the model, so serving tokenises the same way.
 */
public final class Vocabulary {
    public static final int PADDING = 0;
    public static final int UNKNOWN = 1;

    private final TextSpec spec;
    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    public Vocabulary(TextSpec spec, List<String> tokens) {
        this.spec = requireNonNull(spec, "spec is null");
        this.tokens = List.copyOf(tokens);
        for (int i = 0; i < this.tokens.size(); i++) {
            ids.put(this.tokens.get(i), i + 2);
        }
    }

    /** Counts tokens over every text value of a split, streaming, and keeps the most frequent. */
    public static Vocabulary build(TextSpec spec, RecordStream stream, String field) {
        Map<String, Long> counts = new HashMap<>();
        try (stream) {
            stream.forEachRemaining(batch -> batch.rows().forEach(row -> {
                if (row.get(field) instanceof String text) {
                    for (String token : split(text, spec.lowercase())) {
                        counts.merge(token, 1L, Long::sum);
                    }
                }
            }));
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> kept = entries.stream().limit(spec.vocabularySize()).map(Map.Entry::getKey).toList();
        return new Vocabulary(spec, kept);
    }

    /** Splits on every run of characters that are not letters. */
    static List<String> split(String text, boolean lowercase) {
        String source = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= source.length(); i++) {
            boolean letter = i < source.length() && Character.isLetter(source.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                tokens.add(source.substring(start, i));
                start = -1;
            }
        }
        return tokens;
    }

    /** The ids of a text, truncated or padded with {@link #PADDING} to {@code maxLength}. */
    public int[] encode(String text) {
        int[] encoded = new int[spec.maxLength()];
        List<String> words = split(text, spec.lowercase());
        for (int i = 0; i < Math.min(words.size(), encoded.length); i++) {
            encoded[i] = ids.getOrDefault(words.get(i), UNKNOWN);
        }
        return encoded;
    }

    /** Padding and unknown included. */
    public int size() {
        return tokens.size() + 2;
    }

    public List<String> tokens() {
        return tokens;
    }

    public TextSpec spec() {
        return spec;
    }
}
