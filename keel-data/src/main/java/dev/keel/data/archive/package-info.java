/** Streaming archive writers for whole-version downloads ({@link dev.keel.data.archive.TarWriter}). */
package dev.keel.data.archive;
