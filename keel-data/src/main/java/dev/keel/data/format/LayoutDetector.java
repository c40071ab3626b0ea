package dev.keel.data.format;

import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the tables of a dataset version from its file names (only {@code .json} files are peeked at):
 * <ul>
 *   <li>IDX files named like MNIST's ({@code train-images-idx3-ubyte[.gz]}, {@code t10k-labels.idx1-ubyte}, …) that
 *       share a folder and a set name pair up into one table with columns {@code image} and {@code label};
 *       the set name {@code t10k} becomes table {@code test}, {@code val}/{@code valid} become
 *       {@code validation}. Any other {@code *idxN-ubyte} file is a table of its own with column
 *       {@code value}.</li>
 *   <li>Each {@code .csv} / {@code .jsonl} / {@code .ndjson} file (optionally {@code .gz}) is a table named after its
 *       path without the extension ({@code data/train.csv} → {@code data/train}); so is each {@code .json} file
 *       whose content starts with {@code [} (an array of objects; {@code package.json} and the like are not).</li>
 *   <li>{@code .png}/{@code .jpg}/{@code .jpeg} files laid out as {@code <root>/<class>/<file>} form one table per
 *       root, named after the root ({@code images} when the classes sit at the top).</li>
 * </ul>
 * Names are unique: tables whose names would collide are named after their first file's path. Other files are
 * listed as ignored. {@link FormatOptions#format()} reads every non-documentation file as that format instead.
 */
public final class LayoutDetector {
    private static final Pattern IDX_NAME = Pattern.compile("(?i).*idx\\d+[-_.]ubyte");
    private static final Pattern IDX_PAIR = Pattern.compile("(?i)(.+?)[-_.](images|labels)[-_.]idx\\d+[-_.]ubyte");
    private static final Pattern DOCUMENTATION = Pattern.compile("(?i)(readme|license|licence|notice|copying|changelog).*|.*\\.md");

    private LayoutDetector() {}

    public static DatasetLayout detect(DatasetFiles files, FormatOptions options) {
        List<TableSource> tables = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Map<String, List<String>> idxGroups = new TreeMap<>();
        Map<String, List<String>> imageRoots = new TreeMap<>();
        for (ManifestEntry entry : files.files()) {
            String path = entry.path();
            Format format = formatOf(path, options.format());
            if (format == Format.JSON && options.format() == null && !startsWithArray(files, path)) {
                format = null; // package.json, config files: JSON, but not a table
            }
            if (format == null) {
                ignored.add(path);
                continue;
            }
            switch (format) {
                case CSV, JSONL, JSON -> tables.add(new TableSource(withoutExtension(path), format, List.of(path)));
                case IDX -> idxGroups.computeIfAbsent(idxGroup(path), key -> new ArrayList<>()).add(path);
                case IMAGE_FOLDER -> {
                    String root = imageRoot(path);
                    if (root == null) {
                        ignored.add(path);
                    } else {
                        imageRoots.computeIfAbsent(root, key -> new ArrayList<>()).add(path);
                    }
                }
            }
        }
        idxGroups.forEach((group, paths) -> tables.add(new TableSource(group, Format.IDX, idxColumnOrder(paths))));
        imageRoots.forEach((root, paths) -> tables.add(new TableSource(root.isEmpty() ? "images" : root,
                Format.IMAGE_FOLDER, paths)));
        return new DatasetLayout(uniquelyNamed(tables), ignored);
    }

    /** The column an IDX file holds in its table: {@code image}, {@code label} or {@code value}. */
    static String idxColumn(String path) {
        Matcher matcher = IDX_PAIR.matcher(baseName(path));
        if (!matcher.matches()) {
            return "value";
        }
        return matcher.group(2).equalsIgnoreCase("images") ? "image" : "label";
    }

    private static Format formatOf(String path, Format override) {
        String name = baseName(path);
        if (DOCUMENTATION.matcher(fileName(path)).matches()) {
            return null;
        }
        if (override != null) {
            return override;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (IDX_NAME.matcher(name).matches()) {
            return Format.IDX;
        }
        if (lower.endsWith(".csv")) {
            return Format.CSV;
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return Format.JSONL;
        }
        if (lower.endsWith(".json")) {
            return Format.JSON;
        }
        if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return Format.IMAGE_FOLDER;
        }
        return null;
    }

    /** Whether the first character of a (possibly gzipped) text file, past spaces and a byte-order mark, is '['. */
    private static boolean startsWithArray(DatasetFiles files, String path) {
        try (Reader reader = TextFiles.open(files, path)) {
            int c = reader.read();
            while (c != -1 && Character.isWhitespace(c)) {
                c = reader.read();
            }
            return c == '[';
        } catch (IOException | KeelException e) {
            return false; // not readable text: not a table; the file stays listed as ignored
        }
    }

    /** The table an IDX file belongs to: its folder plus its set name, or the file itself when unpaired. */
    private static String idxGroup(String path) {
        Matcher matcher = IDX_PAIR.matcher(baseName(path));
        if (!matcher.matches()) {
            return withoutExtension(path);
        }
        String set = switch (matcher.group(1).toLowerCase(Locale.ROOT)) {
            case "t10k", "test" -> "test";
            case "val", "valid", "validation" -> "validation";
            default -> matcher.group(1);
        };
        int slash = path.lastIndexOf('/');
        return slash < 0 ? set : path.substring(0, slash + 1) + set;
    }

    private static List<String> idxColumnOrder(List<String> paths) {
        // image before label before anything else: the column order users expect from MNIST.
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort(Comparator.comparing((String path) -> switch (idxColumn(path)) {
            case "image" -> 0;
            case "label" -> 1;
            default -> 2;
        }).thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    private static String imageRoot(String path) {
        String[] segments = path.split("/");
        if (segments.length < 2) {
            return null;
        }
        return String.join("/", List.of(segments).subList(0, segments.length - 2));
    }

    /**
     * IDX tables get their folder-free name ({@code train}) when no other table claims it; any name still shared
     * by several tables is replaced by the table's first file path, which is unique.
     */
    private static List<TableSource> uniquelyNamed(List<TableSource> tables) {
        List<TableSource> shortened = tables.stream()
                .map(table -> table.format() == Format.IDX ? rename(table, fileName(table.name())) : table)
                .toList();
        List<TableSource> named = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            named.add(count(shortened, shortened.get(i).name()) == 1 ? shortened.get(i) : tables.get(i));
        }
        List<TableSource> unique = new ArrayList<>();
        for (TableSource table : named) {
            unique.add(count(named, table.name()) == 1 ? table : rename(table, table.files().getFirst()));
        }
        unique.sort(Comparator.comparing(TableSource::name));
        return unique;
    }

    private static long count(List<TableSource> tables, String name) {
        return tables.stream().filter(table -> table.name().equals(name)).count();
    }

    private static TableSource rename(TableSource table, String name) {
        return new TableSource(name, table.format(), table.files());
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The file name without a trailing {@code .gz}. */
    private static String baseName(String path) {
        String name = fileName(path);
        return name.toLowerCase(Locale.ROOT).endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    private static String withoutExtension(String path) {
        String stripped = path.toLowerCase(Locale.ROOT).endsWith(".gz") ? path.substring(0, path.length() - 3) : path;
        int dot = stripped.lastIndexOf('.');
        return dot > stripped.lastIndexOf('/') + 1 ? stripped.substring(0, dot) : stripped;
    }
}
