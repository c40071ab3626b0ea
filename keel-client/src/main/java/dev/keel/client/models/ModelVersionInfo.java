package dev.keel.client.models;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A model version: file hash and format, signature ({@code {inputs, outputs}}), lineage, aliases. */
public record ModelVersionInfo(String model, int version, String format, String source, String sourceRunId,
                               String sha256, long size, JsonNode signature, Map<String, Double> metrics,
                               String datasetVersion, String description, Map<String, String> tags, List<String> aliases,
                               String status, String createdBy, Instant createdAt, Instant updatedAt) {}
