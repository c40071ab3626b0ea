package dev.keel.client.monitor;

import java.util.List;

/** Drift of one endpoint over the server's drift window. */
public record DriftReport(String endpoint, String model, String version, String window, List<Score> scores) {
    public record Score(String feature, String method, double value, int referenceSize, int liveSize) {}
}
