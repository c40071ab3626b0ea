package dev.keel.train.tracking.search;

import dev.keel.core.error.KeelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses MLflow's search filter: comparisons joined by {@code AND}, such as
 * {@code metrics.val_accuracy > 0.9 and params.lr = '0.01' and tags.`team name` != 'x' and status = 'FINISHED'}.
 * Keys with spaces or dashes are quoted with backticks or double quotes; string values with single quotes.
 * Errors name the character position and what was expected there.
 */
public final class FilterParser {
    private final String text;
    private int pos;

    private FilterParser(String text) {
        this.text = text;
    }

    /** The comparisons of {@code filter}; empty for a null or blank filter. */
    public static List<Comparison> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        return new FilterParser(filter).comparisons();
    }

    /** Parses one order-by clause: {@code [entity.]key [ASC|DESC]}. */
    public static OrderBy parseOrderBy(String clause) {
        FilterParser parser = new FilterParser(clause == null ? "" : clause);
        Identifier identifier = parser.identifier();
        parser.skipSpace();
        boolean descending = false;
        if (!parser.atEnd()) {
            String direction = parser.word().toUpperCase(Locale.ROOT);
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                throw parser.error("'" + direction + "'", "ASC or DESC");
            }
            descending = direction.equals("DESC");
        }
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("'" + parser.text.substring(parser.pos) + "'", "the end of the order-by clause");
        }
        return new OrderBy(identifier.entity(), identifier.key(), descending);
    }

    private record Identifier(Entity entity, String key) {}

    private List<Comparison> comparisons() {
        List<Comparison> result = new ArrayList<>();
        result.add(comparison());
        while (true) {
            skipSpace();
            if (atEnd()) {
                return result;
            }
            int start = pos;
            String word = word();
            if (!word.equalsIgnoreCase("and")) {
                pos = start;
                throw error(word.isEmpty() ? "'" + text.charAt(pos) + "'" : "'" + word + "'",
                        "AND (only comparisons joined by AND are supported)");
            }
            result.add(comparison());
        }
    }

    private Comparison comparison() {
        Identifier identifier = identifier();
        Operator operator = operator();
        List<Object> values = new ArrayList<>();
        skipSpace();
        if (operator.isList()) {
            expect('(');
            values.add(value());
            skipSpace();
            while (peek() == ',') {
                pos++;
                values.add(value());
                skipSpace();
            }
            expect(')');
        } else {
            values.add(value());
        }
        return new Comparison(identifier.entity(), identifier.key(), operator, values);
    }

    private Identifier identifier() {
        skipSpace();
        if (peek() == '`' || peek() == '"') {
            return new Identifier(Entity.ATTRIBUTE, quoted(peek()));
        }
        int start = pos;
        String word = bareKey();
        if (word.isEmpty()) {
            throw error(atEnd() ? "end of filter" : "'" + text.charAt(pos) + "'", "a key such as metrics.accuracy");
        }
        int dot = word.indexOf('.');
        if (dot > 0 && Entity.ofPrefix(word.substring(0, dot)).isPresent()) {
            Entity entity = Entity.ofPrefix(word.substring(0, dot)).orElseThrow();
            String key = word.substring(dot + 1);
            if (key.isEmpty()) {
                if (peek() == '`' || peek() == '"') {
                    return new Identifier(entity, quoted(peek()));
                }
                pos = start;
                throw error("'" + word + "'", "a key after the dot");
            }
            return new Identifier(entity, key);
        }
        return new Identifier(Entity.ATTRIBUTE, word);
    }

    private Operator operator() {
        skipSpace();
        int start = pos;
        if (text.startsWith("!=", pos) || text.startsWith("<>", pos)) {
            pos += 2;
            return Operator.NOT_EQUAL;
        }
        if (text.startsWith("<=", pos) || text.startsWith(">=", pos)) {
            pos += 2;
            return text.charAt(start) == '<' ? Operator.LESS_OR_EQUAL : Operator.GREATER_OR_EQUAL;
        }
        char c = peek();
        if (c == '=' || c == '<' || c == '>') {
            pos++;
            if (c == '=' && peek() == '=') {
                pos++;
            }
            return c == '=' ? Operator.EQUAL : c == '<' ? Operator.LESS : Operator.GREATER;
        }
        String word = word().toUpperCase(Locale.ROOT);
        switch (word) {
            case "LIKE":
                return Operator.LIKE;
            case "ILIKE":
                return Operator.ILIKE;
            case "IN":
                return Operator.IN;
            case "NOT":
                skipSpace();
                if (word().equalsIgnoreCase("IN")) {
                    return Operator.NOT_IN;
                }
                break;
            default:
                break;
        }
        pos = start;
        throw error(atEnd() ? "end of filter" : "'" + text.substring(start, Math.min(text.length(), start + 10)) + "'",
                "a comparison: =, !=, <, <=, >, >=, LIKE, ILIKE, IN or NOT IN");
    }

    private Object value() {
        skipSpace();
        char c = peek();
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        int start = pos;
        if (c == '-' || c == '+') {
            pos++;
        }
        while (!atEnd() && (Character.isDigit(peek()) || peek() == '.' || peek() == 'e' || peek() == 'E'
                || ((peek() == '-' || peek() == '+') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        String number = text.substring(start, pos);
        try {
            if (!number.isEmpty()) {
                return Double.parseDouble(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        pos = start;
        throw error(atEnd() ? "end of filter" : "'" + text.substring(start, Math.min(text.length(), start + 10)) + "'",
                "a number or a quoted string such as 'value'");
    }

    /** A quoted string or key; the quote character doubled or backslash-escaped stands for itself. */
    private String quoted(char quote) {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '\\' && !atEnd()) {
                out.append(text.charAt(pos++));
            } else if (c == quote) {
                if (peek() == quote) {
                    out.append(quote);
                    pos++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
        pos = start;
        throw error("unterminated " + quote + " at character " + (start + 1), "a closing " + quote);
    }

    private String bareKey() {
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || "_.:/".indexOf(peek()) >= 0)) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (!atEnd() && Character.isLetter(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw error(atEnd() ? "end of filter" : "'" + peek() + "'", "'" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    private KeelException error(String found, String expected) {
        return KeelException.invalid("filter: " + found + " at character " + (pos + 1) + " of \"" + text
                + "\" (expected: " + expected + ")");
    }
}
