package dev.keel.server.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.config.KeelConfig;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.data.ingest.ChunkingParameters;
import dev.keel.data.version.DatasetService;
import dev.keel.data.version.FormatsVersionProfiler;
import dev.keel.data.wellknown.WellKnownDownloader;
import dev.keel.data.wellknown.WellKnownImporter;
import dev.keel.store.blob.BlobStore;
import dev.keel.train.tracking.RunVersionReferences;
import dev.keel.store.metadata.MetadataStore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the dataset area from the server's stores and config (the composition root's one line). */
public final class DatasetApiFactory {
    private DatasetApiFactory() {}

    public static DatasetApi create(MetadataStore metadata, BlobStore blobs, KeelConfig config, Clock clock,
            ObjectMapper json) {
        ChunkedFileStore files = new ChunkedFileStore(blobs, metadata, ChunkingParameters.defaults(), clock);
        DatasetService service = new DatasetService(metadata, files, new FormatsVersionProfiler(new ObjectMapper()),
                clock, () -> UUID.randomUUID().toString(), List.of(new RunVersionReferences()));
        WellKnownImporter wellKnown = new WellKnownImporter(service, files,
                new WellKnownDownloader(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(),
                        Map.of()),
                config.home().resolve("work"));
        return new DatasetApi(service, wellKnown, new ImportRoots(config.datasets()), json);
    }
}
