package dev.keel.client.pipelines;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A pipeline as the server shows it; {@code version} counts applies. */
public record Pipeline(String name, int version, String description, Map<String, String> parameters,
        List<String> triggers, List<Step> steps, String spec, String createdBy, Instant createdAt, Instant updatedAt) {
    public record Step(String name, String type, List<String> needs, int retries, String timeout) {}
}
