package dev.keel.train.data;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.data.DatasetFiles;
import dev.keel.data.record.RecordBatch;
import dev.keel.data.split.DatasetAnalysis;
import dev.keel.data.split.SplitPart;
import dev.keel.data.split.SplitReader;

/** A dataset version read in process: its files and the analysis stored with it (options, profile, split plan). */
public final class SplitTrainingData implements TrainingData {
    private final DatasetFiles files;
    private final DatasetAnalysis analysis;

    public SplitTrainingData(DatasetFiles files, DatasetAnalysis analysis) {
        this.files = requireNonNull(files, "files is null");
        this.analysis = requireNonNull(analysis, "analysis is null");
    }

    @Override
    public RecordStream open(String split, int batchSize) {
        SplitReader reader = analysis.openSplit(files, split, batchSize);
        return new RecordStream() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public RecordBatch next() {
                return reader.next();
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public long rows(String split) {
        if (analysis.plan() == null) {
            throw KeelException.notFound("split \"" + split + "\" (the version has no splits)");
        }
        return analysis.plan().parts().stream().filter(part -> part.name().equals(split)).mapToLong(SplitPart::rows)
                .findFirst().orElseThrow(() -> KeelException.notFound("split \"" + split + "\""));
    }
}
