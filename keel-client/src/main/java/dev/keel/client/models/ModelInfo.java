package dev.keel.client.models;

import java.time.Instant;
import java.util.Map;

/** A registered model as {@code /api/v1/models} returns it. */
public record ModelInfo(String name, String description, Map<String, String> tags, Map<String, Integer> aliases,
                        Integer latestVersion, Instant createdAt, Instant updatedAt) {}
