package dev.keel.serve.deploy;

import dev.keel.serve.runtime.ModelRuntime;

/**
 * Where deployments get models from: the registry in production, a hand-written fake in tests. A
 * reference is a version number ({@code "3"}) or an alias ({@code "production"}).
 */
public interface ModelSource {
    /** The version a reference points at now; NOT_FOUND for an unknown model, version or alias. */
    String resolveVersion(String model, String reference);

    /** Loads a version into a runtime the caller closes. */
    ModelRuntime open(String model, String version);
}
