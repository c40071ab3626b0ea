package dev.keel.data.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts rows per label value, giving up past {@link TableStatistics#LABEL_LIMIT} distinct labels. */
final class LabelCounter {
    private Map<String, Long> counts = new HashMap<>();

    void add(Object label) {
        if (counts == null || label == null) {
            return;
        }
        counts.merge(String.valueOf(label), 1L, Long::sum);
        if (counts.size() > TableStatistics.LABEL_LIMIT) {
            counts = null;
        }
    }

    /** Counts sorted by label: numerically when every label is a number, otherwise as text. */
    Map<String, Long> result() {
        if (counts == null) {
            return null;
        }
        List<String> labels = new ArrayList<>(counts.keySet());
        boolean numeric = labels.stream().allMatch(LabelCounter::isNumber);
        labels.sort(numeric ? Comparator.comparing(BigDecimal::new) : Comparator.naturalOrder());
        Map<String, Long> sorted = new LinkedHashMap<>();
        labels.forEach(label -> sorted.put(label, counts.get(label)));
        return sorted;
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
