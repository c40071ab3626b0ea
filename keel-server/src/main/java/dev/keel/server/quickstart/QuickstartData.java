package dev.keel.server.quickstart;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import dev.keel.data.wellknown.WellKnownDataset;
import dev.keel.data.wellknown.WellKnownFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The genuine Fashion-MNIST files the quickstart works on, and the two dataset versions it commits from them:
 * the "first delivery" (the first part of the training set) and the "new data" (all of it). The files come from
 * the Debian package {@code dataset-fashion-mnist} when it is installed (their SHA-256 checked against the
 * published hashes) or else from the genuine subset shipped in this jar with its MIT licence. Slicing keeps the
 * IDX format and the order of the examples; only the count in each header changes.
 */
final class QuickstartData {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    private static final String BUNDLED = "/dev/keel/server/quickstart/fashion-mnist/";

    /** Where the files were read from, for the report. */
    enum Origin { DEBIAN_PACKAGE, BUNDLED_SUBSET }

    /** The two versions' folders (file name → path), ready to commit. */
    record Versions(Origin origin, String description, Map<String, Path> first, Map<String, Path> all,
            int firstTrainCount, int allTrainCount, int testCount) {}

    private QuickstartData() {}

    /**
     * Writes both versions under {@code workDir}.
     *
     * @param source "auto" (Debian package when present), "debian" or "bundled"
     * @param firstFraction the share of the training examples in the first version
     * @param testLimit at most this many test examples (0: all)
     */
    static Versions prepare(String source, Path workDir, double firstFraction, int testLimit) {
        requireNonNull(workDir, "workDir is null");
        if (!(firstFraction > 0 && firstFraction < 1)) {
            throw KeelException.invalid("firstFraction: " + firstFraction + " (expected: between 0 and 1)");
        }
        Path debian = WellKnownDataset.FASHION_MNIST.localCopy().orElseThrow();
        Origin origin = switch (source) {
            case "auto" -> Files.isRegularFile(debian.resolve(TRAIN_IMAGES)) ? Origin.DEBIAN_PACKAGE : Origin.BUNDLED_SUBSET;
            case "debian" -> Origin.DEBIAN_PACKAGE;
            case "bundled" -> Origin.BUNDLED_SUBSET;
            default -> throw KeelException.invalid("data: " + source + " (expected: auto, debian or bundled)");
        };
        try {
            Path all = Files.createDirectories(workDir.resolve("all"));
            Path first = Files.createDirectories(workDir.resolve("first"));
            for (String name : FILES) {
                try (InputStream in = open(origin, debian, name)) {
                    Files.copy(in, all.resolve(name));
                }
            }
            if (origin == Origin.DEBIAN_PACKAGE) {
                verify(all);
            }
            int allTrain = count(all.resolve(TRAIN_LABELS));
            int test = count(all.resolve(TEST_LABELS));
            if (testLimit > 0 && testLimit < test) {
                for (String name : List.of(TEST_IMAGES, TEST_LABELS)) {
                    Path full = all.resolve(name);
                    Path cut = workDir.resolve(name);
                    slice(full, cut, testLimit);
                    Files.move(cut, full, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                test = testLimit;
            }
            int firstTrain = Math.max(1, (int) (allTrain * firstFraction));
            slice(all.resolve(TRAIN_IMAGES), first.resolve(TRAIN_IMAGES), firstTrain);
            slice(all.resolve(TRAIN_LABELS), first.resolve(TRAIN_LABELS), firstTrain);
            Files.copy(all.resolve(TEST_IMAGES), first.resolve(TEST_IMAGES));
            Files.copy(all.resolve(TEST_LABELS), first.resolve(TEST_LABELS));
            String description = origin == Origin.DEBIAN_PACKAGE
                    ? "genuine Fashion-MNIST from the Debian package (" + debian + ", SHA-256 verified)"
                    : "the genuine Fashion-MNIST subset shipped with Keel (MIT licence, © 2017 Zalando SE)";
            return new Versions(origin, description, files(first), files(all), firstTrain, allTrain, test);
        } catch (IOException e) {
            throw new UncheckedIOException("preparing Fashion-MNIST under " + workDir, e);
        }
    }

    private static InputStream open(Origin origin, Path debian, String name) throws IOException {
        if (origin == Origin.DEBIAN_PACKAGE) {
            Path file = debian.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new KeelException(ErrorCode.NOT_FOUND, "data: " + file + " is missing (install the Debian package"
                        + " dataset-fashion-mnist, or use --data bundled)");
            }
            return Files.newInputStream(file);
        }
        InputStream in = QuickstartData.class.getResourceAsStream(BUNDLED + name);
        if (in == null) {
            throw new IllegalStateException("the bundled Fashion-MNIST subset is missing from the jar: " + name);
        }
        return in;
    }

    private static void verify(Path folder) throws IOException {
        for (WellKnownFile expected : WellKnownDataset.FASHION_MNIST.files()) {
            java.security.MessageDigest digest = Sha256.newDigest();
            try (InputStream in = new java.security.DigestInputStream(
                    Files.newInputStream(folder.resolve(expected.name())), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            String actual = Sha256.hex(digest.digest());
            if (!actual.equals(expected.sha256())) {
                throw KeelException.invalid("data: " + expected.name() + " has SHA-256 " + actual + " (expected: "
                        + expected.sha256() + ", the published file)");
            }
        }
    }

    private static Map<String, Path> files(Path folder) {
        Map<String, Path> files = new LinkedHashMap<>();
        FILES.forEach(name -> files.put(name, folder.resolve(name)));
        return files;
    }

    /** The item count in an IDX file's header. */
    static int count(Path gz) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(gz)))) {
            in.readInt();
            return in.readInt();
        }
    }

    /** Copies the first {@code items} examples of an IDX file (header rewritten with the new count). */
    static void slice(Path source, Path target, int items) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(source), 1 << 16));
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(target), 1 << 16))) {
            int magic = in.readInt();
            int dimensions = magic & 0xff;
            int available = in.readInt();
            if (items > available) {
                throw new IllegalArgumentException("items: " + items + " (expected: at most " + available + ")");
            }
            out.writeInt(magic);
            out.writeInt(items);
            long perItem = 1;
            for (int i = 1; i < dimensions; i++) {
                int size = in.readInt();
                out.writeInt(size);
                perItem *= size;
            }
            copy(in, out, perItem * items);
        }
    }

    private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = bytes;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("IDX file ended " + left + " bytes early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }
}
