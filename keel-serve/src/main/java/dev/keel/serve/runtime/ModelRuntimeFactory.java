package dev.keel.serve.runtime;

import java.nio.file.Path;

/**
 * Opens a {@link ModelRuntime} from a model file on local disk. The registry resolves a model version (or alias)
 * to such a file; see {@code dev.keel.serve.registry.ModelRegistry#openRuntime}.
 */
public interface ModelRuntimeFactory {

    /**
     * @param declared the signature stored with the version; required for TorchScript (which has none of its
     *     own), checked against the file's own for ONNX
     */
    ModelRuntime open(ModelFormat format, Path modelFile, ModelSignature declared, RuntimeOptions options);
}
