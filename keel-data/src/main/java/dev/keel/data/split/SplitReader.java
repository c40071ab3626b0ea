package dev.keel.data.split;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.format.FormatOptions;
import dev.keel.data.format.LayoutDetector;
import dev.keel.data.format.TableCursor;
import dev.keel.data.format.TableReaders;
import dev.keel.data.format.TableSource;
import dev.keel.data.record.RecordBatch;
import dev.keel.data.record.Row;
import dev.keel.data.stats.DatasetProfile;
import dev.keel.data.stats.DatasetProfiler;
import dev.keel.data.stats.TableStatistics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams the records of one split in batches of at most {@code batchSize} rows, in table order (row index
 * ascending; shuffling is the trainer's business). Holds one batch and, for a random split, one byte per table
 * row; never the dataset. Close it to release the files.
 */
public final class SplitReader implements Iterator<RecordBatch>, AutoCloseable {
    private final TableCursor cursor;
    private final SplitAssignment assignment;
    private final int splitOrdinal;
    private final String table;
    private final String split;
    private final int batchSize;
    private final long expectedRows;
    private long tableRowsRead;
    private long splitRowsRead;
    private RecordBatch pending;

    private SplitReader(TableCursor cursor, SplitAssignment assignment, int splitOrdinal, String table, String split,
                        int batchSize, long expectedRows) {
        this.cursor = cursor;
        this.assignment = assignment;
        this.splitOrdinal = splitOrdinal;
        this.table = table;
        this.split = split;
        this.batchSize = batchSize;
        this.expectedRows = expectedRows;
    }

    /**
     * Opens split {@code split} of a committed version from what was stored with it: the options it was read
     * with, its profile (whose schemas spare CSV and JSON Lines a type-inference pass) and a plan of its splits.
     * {@code NOT_FOUND} for a split the plan does not have; {@code INVALID_ARGUMENT} for {@code batchSize < 1}.
     */
    public static SplitReader open(DatasetFiles files, FormatOptions options, DatasetProfile profile, SplitPlan plan,
                                   String split, int batchSize) {
        requireNonNull(files, "files is null");
        requireNonNull(options, "options is null");
        requireNonNull(profile, "profile is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(split, "split is null");
        if (batchSize < 1) {
            throw KeelException.invalid("batchSize: " + batchSize + " (expected: >= 1)");
        }
        SplitPart part = plan.part(split);
        TableSource source = LayoutDetector.detect(files, options).table(part.table());
        TableStatistics statistics = profile.table(part.table());
        SplitAssignment assignment = null;
        int ordinal = 0;
        if (plan.isRandom(part)) {
            long[] counts = plan.randomParts().stream().mapToLong(SplitPart::rows).toArray();
            assignment = new SplitAssignment(plan.spec().seed(), counts);
            ordinal = plan.parts().indexOf(part);
        }
        TableCursor cursor = TableReaders.open(files, source, options, statistics.schema());
        return new SplitReader(cursor, assignment, ordinal, part.table(), split, batchSize, statistics.rowCount());
    }

    /**
     * Opens a split of files nothing is stored for yet: profiles them first (a full extra pass) and plans
     * {@code spec}. Prefer {@link #open(DatasetFiles, FormatOptions, DatasetProfile, SplitPlan, String, int)}.
     */
    public static SplitReader open(DatasetFiles files, FormatOptions options, SplitSpec spec, String split, int batchSize) {
        DatasetProfile profile = DatasetProfiler.profile(files, options);
        return open(files, options, profile, SplitPlanner.plan(spec, profile), split, batchSize);
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            pending = readBatch();
        }
        return pending != null;
    }

    @Override
    public RecordBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches of split " + split);
        }
        RecordBatch batch = pending;
        pending = null;
        return batch;
    }

    /** Rows of the split returned so far. */
    public long rowsRead() {
        return splitRowsRead;
    }

    private RecordBatch readBatch() {
        List<Row> rows = new ArrayList<>(Math.min(batchSize, 4096));
        while (rows.size() < batchSize && cursor.hasNext()) {
            Row row = cursor.next();
            tableRowsRead++;
            if (assignment != null) {
                if (row.index() >= assignment.rows()) {
                    throw changed();
                }
                if (assignment.splitOf(row.index()) != splitOrdinal) {
                    continue;
                }
            }
            rows.add(row);
        }
        if (!cursor.hasNext() && tableRowsRead != expectedRows) {
            throw changed();
        }
        splitRowsRead += rows.size();
        return rows.isEmpty() ? null : new RecordBatch(table, split, rows);
    }

    private KeelException changed() {
        // The files are content-addressed, so this means the options differ from those the profile was made with.
        return new KeelException(ErrorCode.INTERNAL, "table " + table + ": read " + tableRowsRead + "+ rows where its"
                + " profile counted " + expectedRows + " (expected: the format options the version was profiled with)");
    }

    @Override
    public void close() {
        cursor.close();
    }
}
