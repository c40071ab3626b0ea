package dev.keel.monitor.drift;

import java.util.List;

/**
 * Computes the reference distributions of a model version from the data it was trained on. The server's
 * implementation follows the lineage (model version → source run → dataset version → train split); an
 * empty list means the version has no traceable training data.
 */
@FunctionalInterface
public interface ReferenceSource {
    List<Reference> compute(String model, String version);
}
