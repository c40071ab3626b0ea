package dev.keel.server.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.MediaType;
import dev.keel.data.record.RecordBatch;
import dev.keel.data.record.RecordJson;
import dev.keel.data.split.SplitReader;
import dev.keel.data.version.DatasetService;
import dev.keel.server.http.ApiRequest;
import java.util.List;

/**
 * {@code GET …/splits/{split}/records}: JSON Lines, one record batch per line, streamed as the split is read.
 * {@code offset} and {@code limit} count records (rows), so a worker can resume where it stopped.
 */
final class RecordStream {
    private final DatasetService service;
    private final ObjectMapper json;

    RecordStream(DatasetService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    Object serve(ApiRequest request) throws Exception {
        int batchSize = request.queryInt("batchSize", 256, 1, 65_536);
        long offset = request.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        long limit = request.queryInt("limit", Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        // Opened here, not in the writer, so a missing split or version is a 404 rather than a broken stream.
        SplitReader reader = service.openSplit(request.query("project").orElse(null), request.pathParam("name"),
                request.pathParam("ref"), request.pathParam("split"), batchSize);
        PipedBody body = PipedBody.start(request.context().blockingTaskExecutor(), out -> {
            try (reader) {
                long skipped = 0;
                long sent = 0;
                while (sent < limit && reader.hasNext()) {
                    RecordBatch batch = reader.next();
                    List<dev.keel.data.record.Row> rows = batch.rows();
                    if (skipped < offset) {
                        int skip = (int) Math.min(rows.size(), offset - skipped);
                        skipped += skip;
                        rows = rows.subList(skip, rows.size());
                    }
                    if (rows.size() > limit - sent) {
                        rows = rows.subList(0, (int) (limit - sent));
                    }
                    if (rows.isEmpty()) {
                        continue;
                    }
                    sent += rows.size();
                    out.write(json.writeValueAsBytes(RecordJson.toJson(new RecordBatch(batch.table(), batch.split(), rows))));
                    out.write('\n');
                }
            }
        });
        return request.streamResponse(MediaType.parse("application/x-ndjson"), -1, body);
    }
}
