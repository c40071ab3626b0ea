package dev.keel.server.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.train.tracking.Experiment;
import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.Run;
import dev.keel.train.tracking.RunInfo;
import dev.keel.train.tracking.RunLineage;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the tracking API (see {@code openapi.json}). */
final class TrackingViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrackingViews() {}

    record ExperimentView(String id, String name, String lifecycleStage, Instant createdAt, Instant updatedAt,
            Map<String, String> tags) {
        static ExperimentView of(Experiment e) {
            return new ExperimentView(e.id(), e.name(), e.lifecycleStage().wireName(), e.createdAt(), e.updatedAt(),
                    e.tags());
        }
    }

    record ExperimentList(List<ExperimentView> experiments) {}

    record MetricView(double value, long step, long timestamp) {}

    record LineageView(String datasetVersionId, String datasetVersionHash, String specHash, Long seed) {
        static LineageView of(RunLineage lineage) {
            return new LineageView(lineage.datasetVersionId(), lineage.datasetVersionHash(), lineage.specHash(),
                    lineage.seed());
        }
    }

    record RunView(String id, String experimentId, String name, String status, String keelStatus, String statusReason,
            String userId, Instant startTime, Instant endTime, String lifecycleStage, String artifactUri,
            LineageView lineage, JsonNode provenance, JsonNode spec, Map<String, String> params,
            Map<String, String> tags, Map<String, MetricView> metrics) {
        static RunView of(Run run) {
            RunInfo info = run.info();
            Map<String, MetricView> metrics = new LinkedHashMap<>();
            for (MetricPoint point : run.latestMetrics()) {
                metrics.put(point.key(), new MetricView(point.value(), point.step(), point.timestamp()));
            }
            return new RunView(info.id(), info.experimentId(), info.name(), info.status().name(),
                    info.status().keelName(), info.statusReason(), info.userId(), info.startTime(), info.endTime(),
                    info.lifecycleStage().wireName(), info.artifactUri(), LineageView.of(info.lineage()),
                    parse(info.provenanceJson()), parse(info.lineage().specJson()), new java.util.TreeMap<>(run.params()),
                    new java.util.TreeMap<>(run.tags()), metrics);
        }
    }

    record RunList(List<RunView> runs, String nextPageToken) {}

    record MetricHistoryView(String runId, String key, List<MetricPoint> points) {}

    static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
