package dev.keel.bench.data;

import dev.keel.bench.BenchServer;
import dev.keel.client.datasets.DatasetsClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * New bytes stored when a CSV dataset is re-committed with 1% of its rows changed, through the REST API
 * (the CLI's upload path). Target: ≤ 2% new bytes. Three kinds of change are measured, each committed on
 * the previous version: a contiguous block of rows edited, rows appended, and rows edited at random places.
 */
public final class DedupBenchmark {
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
        Path work = Files.createTempDirectory(dir, "dedup-");
        try (BenchServer bench = BenchServer.inTemporaryHome(dir)) {
            DatasetsClient datasets = bench.client().datasets();
            datasets.create("dedup", "dedup benchmark");
            List<String> lines = initialRows(rows);
            Path csv = work.resolve("table.csv");
            write(csv, lines);
            long before = bench.blobBytes();
            datasets.commitFiles("dedup", null, "initial", List.of(), Map.of("table.csv", csv), List.of(), null, null,
                    sent -> {});
            long fileBytes = Files.size(csv);
            System.out.printf("rows: %d, file: %.1f MB, first commit stored %.1f MB%n", rows, fileBytes / 1e6,
                    (bench.blobBytes() - before) / 1e6);

            SplittableRandom random = new SplittableRandom(7);
            int changed = rows / 100;
            measure(bench, datasets, csv, lines, "1% of rows edited, one contiguous block", current -> {
                List<String> next = new ArrayList<>(current);
                int start = rows / 2;
                for (int i = start; i < start + changed; i++) {
                    next.set(i, row(i, random, "edited"));
                }
                return next;
            });
            measure(bench, datasets, csv, lines, "1% of rows appended", current -> {
                List<String> next = new ArrayList<>(current);
                for (int i = 0; i < changed; i++) {
                    next.add(row(rows + i, random, "appended"));
                }
                return next;
            });
            measure(bench, datasets, csv, lines, "1% of rows edited at random places", current -> {
                List<String> next = new ArrayList<>(current);
                for (int i = 0; i < changed; i++) {
                    int at = 1 + random.nextInt(next.size() - 1);
                    next.set(at, row(at, random, "scattered"));
                }
                return next;
            });
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void measure(BenchServer bench, DatasetsClient datasets, Path csv, List<String> lines,
            String change, UnaryOperator<List<String>> edit) throws IOException {
        List<String> next = edit.apply(List.copyOf(lines));
        lines.clear();
        lines.addAll(next);
        write(csv, lines);
        long before = bench.blobBytes();
        datasets.commitFiles("dedup", null, change, List.of(), Map.of("table.csv", csv), List.of(), null, null,
                sent -> {});
        long stored = bench.blobBytes() - before;
        System.out.printf("%-42s new bytes stored: %9d = %5.2f%% of the file (target <= 2%%)%n", change, stored,
                100.0 * stored / Files.size(csv));
    }

    private static List<String> initialRows(int rows) {
        SplittableRandom random = new SplittableRandom(1);
        List<String> lines = new ArrayList<>(rows + 1);
        lines.add("id,sepal_length,sepal_width,comment,label");
        for (int i = 1; i <= rows; i++) {
            lines.add(row(i, random, "original"));
        }
        return lines;
    }

    private static String row(int id, SplittableRandom random, String comment) {
        return id + "," + String.format("%.3f", 4 + 4 * random.nextDouble()) + ","
                + String.format("%.3f", 2 + 2 * random.nextDouble()) + "," + comment + "," + random.nextInt(3);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
    }
}
