package dev.keel.monitor.alert;

import dev.keel.core.error.KeelException;

/** The comparison of a rule's condition: value {@code op} threshold. */
public enum Comparison {
    GT(">"), LT("<"), GE(">="), LE("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case LT -> value < threshold;
            case GE -> value >= threshold;
            case LE -> value <= threshold;
        };
    }

    public static Comparison parse(String text) {
        for (Comparison comparison : values()) {
            if (comparison.symbol.equals(text) || comparison.name().equalsIgnoreCase(text)) {
                return comparison;
            }
        }
        throw KeelException.invalid("condition: " + text + " (expected: one of >, <, >=, <=)");
    }
}
