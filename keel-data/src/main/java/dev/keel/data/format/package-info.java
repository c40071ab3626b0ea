/**
 * Streaming readers of the file formats a dataset version may hold (IDX, CSV, JSON Lines, JSON arrays, image folders),
 * and the detection of a version's tables from its file list ({@link dev.keel.data.format.LayoutDetector}).
 * Readers never hold a whole file: they yield one {@link dev.keel.data.record.Row} at a time through a
 * {@link dev.keel.data.format.TableCursor}. Bad data is {@code MALFORMED_DATA} naming the file, line and
 * column, unless {@link dev.keel.data.format.FormatOptions#skipBadRows()} asks to count and skip it.
 * Entry points: {@link dev.keel.data.format.LayoutDetector#detect} and {@link dev.keel.data.format.TableReaders#open}.
 */
package dev.keel.data.format;
