package dev.keel.server.job.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.RecordBatch;
import dev.keel.data.record.RecordJson;
import dev.keel.train.data.RecordStream;
import dev.keel.train.data.TrainingData;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The trainer's data read over HTTP from the records endpoint of one pinned dataset version. The endpoint streams
 * a split in the same order every time, which the trainer's determinism and exact resume rely on.
 */
final class HttpTrainingData implements TrainingData {
    private final WorkerApi api;
    private final String dataset;
    private final String version;
    private final Map<String, Long> rows;

    HttpTrainingData(WorkerApi api, String dataset, String version) {
        this.api = api;
        this.dataset = dataset;
        this.version = version;
        this.rows = api.splitRows(dataset, version);
    }

    @Override
    public RecordStream open(String split, int batchSize) {
        rows(split);
        Stream<String> lines = api.recordLines(dataset, version, split, batchSize);
        Iterator<String> iterator = lines.filter(line -> !line.isBlank()).iterator();
        return new RecordStream() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public RecordBatch next() {
                try {
                    return RecordJson.batchFromJson(api.json().readTree(iterator.next()));
                } catch (JsonProcessingException e) {
                    throw new KeelException(dev.keel.core.error.ErrorCode.MALFORMED_DATA, "records of " + dataset + "@"
                            + version + "/" + split + ": " + e.getOriginalMessage(), e);
                }
            }

            @Override
            public void close() {
                lines.close();
            }
        };
    }

    @Override
    public long rows(String split) {
        Long count = rows.get(split);
        if (count == null) {
            throw KeelException.notFound("split \"" + split + "\" of " + dataset + "@" + version + " (it has "
                    + rows.keySet() + ")");
        }
        return count;
    }
}
