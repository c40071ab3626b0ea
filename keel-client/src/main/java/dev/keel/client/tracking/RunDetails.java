package dev.keel.client.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A run with its data. {@code status} is MLflow's name (RUNNING, FINISHED, …), {@code keelStatus} Keel's
 * (running, succeeded, …); {@code metrics} holds each metric's latest value; {@code provenance} and
 * {@code spec} are the recorded JSON (null for runs logged by external clients).
 */
public record RunDetails(String id, String experimentId, String name, String status, String keelStatus,
        String statusReason, String userId, Instant startTime, Instant endTime, String lifecycleStage,
        String artifactUri, RunLineage lineage, JsonNode provenance, JsonNode spec, Map<String, String> params,
        Map<String, String> tags, Map<String, MetricValue> metrics) {}
