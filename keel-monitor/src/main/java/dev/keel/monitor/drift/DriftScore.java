package dev.keel.monitor.drift;

import static java.util.Objects.requireNonNull;

/** One feature's drift on one endpoint: the method ({@code psi} or {@code ks}), its value and sample sizes. */
public record DriftScore(String feature, String method, double value, int referenceSize, int liveSize) {
    public DriftScore {
        requireNonNull(feature, "feature is null");
        requireNonNull(method, "method is null");
    }
}
