/**
 * Well-known datasets (Fashion-MNIST, MNIST, IMDB reviews) imported by name: the SHA-256 of every genuine
 * file is embedded ({@link dev.keel.data.wellknown.WellKnownDataset}), files come from a given folder or
 * .tgz, the system package's folder, or — only when asked — a download from the canonical location
 * ({@link dev.keel.data.wellknown.WellKnownDownloader}); {@link dev.keel.data.wellknown.WellKnownImporter}
 * verifies and commits them.
 */
package dev.keel.data.wellknown;
