package dev.keel.cli;

import java.util.ArrayList;
import java.util.List;

/** Renders rows as left-aligned, space-padded columns under an upper-case header; nulls show as "-". */
public final class TableRenderer {
    private TableRenderer() {}

    public static String render(List<String> headers, List<List<?>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> cells = new ArrayList<>();
        cells.add(headers.stream().map(String::toUpperCase).toList());
        for (List<?> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("row: " + row + " (expected: " + headers.size() + " cells)");
            }
            cells.add(row.stream().map(c -> c == null ? "-" : String.valueOf(c)).toList());
        }
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
