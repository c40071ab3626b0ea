package dev.keel.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.serve.registry.AliasEvent;
import dev.keel.serve.registry.ModelVersion;
import dev.keel.serve.registry.RegisteredModel;
import dev.keel.serve.registry.SignatureJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON shapes of the {@code /api/v1/models} routes. */
final class ModelViews {
    private ModelViews() {}

    record ModelView(String name, String description, Map<String, String> tags, Map<String, Integer> aliases,
                     Integer latestVersion, Instant createdAt, Instant updatedAt) {
        static ModelView of(RegisteredModel model) {
            return new ModelView(model.name(), model.description().orElse(null), model.tags(), model.aliases(),
                    model.latestVersion().orElse(null), Instant.ofEpochMilli(model.createdAt()),
                    Instant.ofEpochMilli(model.updatedAt()));
        }
    }

    record ModelList(List<ModelView> models) {}

    record VersionView(String model, int version, String format, String source, String sourceRunId, String sha256,
                       long size, JsonNode signature, Map<String, Double> metrics, String datasetVersion,
                       String description, Map<String, String> tags, List<String> aliases, String status,
                       String createdBy, Instant createdAt, Instant updatedAt) {
        static VersionView of(ModelVersion version) {
            return new VersionView(version.modelName(), version.version(), version.format().jsonName(), version.source(),
                    version.sourceRunId().orElse(null), version.blobSha256(), version.blobSize(),
                    SignatureJson.toJson(version.signature()), version.metrics(), version.datasetVersion().orElse(null),
                    version.description().orElse(null), version.tags(), version.aliases(), version.status(),
                    version.createdBy(), Instant.ofEpochMilli(version.createdAt()), Instant.ofEpochMilli(version.updatedAt()));
        }
    }

    record VersionList(List<VersionView> versions) {}

    record AliasEventView(String alias, long sequence, Integer fromVersion, Integer toVersion, String actor,
                          String reason, Instant at) {
        static AliasEventView of(AliasEvent event) {
            return new AliasEventView(event.alias(), event.sequence(), event.fromVersion().orElse(null),
                    event.toVersion().orElse(null), event.actor(), event.reason().orElse(null), Instant.ofEpochMilli(event.at()));
        }
    }

    record History(List<AliasEventView> events, Integer versionAt) {}
}
