package dev.keel.client.tracking;

import java.time.Instant;
import java.util.Map;

/** An experiment as the server reports it; {@code lifecycleStage} is {@code active} or {@code deleted}. */
public record ExperimentInfo(String id, String name, String lifecycleStage, Instant createdAt, Instant updatedAt,
        Map<String, String> tags) {}
