package dev.keel.monitor.drift;

import static java.util.Objects.requireNonNull;

/** Which model version an endpoint serves: drift is scored per endpoint against that version's reference. */
public record ServedModel(String endpoint, String model, String version) {
    public ServedModel {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(model, "model is null");
        requireNonNull(version, "version is null");
    }
}
