/**
 * Typed values of dataset records, shared by the format readers, statistics and split streaming:
 * {@link dev.keel.data.record.Row} (one record: its row index and its column values),
 * {@link dev.keel.data.record.Tensor} (images and IDX arrays), {@link dev.keel.data.record.ColumnType},
 * {@link dev.keel.data.record.RecordBatch} and their JSON encoding {@link dev.keel.data.record.RecordJson}.
 */
package dev.keel.data.record;
