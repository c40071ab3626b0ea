package dev.keel.serve.runtime;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtEnvironment;
import dev.keel.core.error.KeelException;
import java.nio.file.Path;

/**
 * Opens ONNX files with ONNX Runtime and TorchScript files with DJL PyTorch. Holds the process's one
 * {@link OrtEnvironment}, passed in so its lifetime is the caller's decision.
 */
public final class DefaultModelRuntimeFactory implements ModelRuntimeFactory {
    private final OrtEnvironment environment;

    public DefaultModelRuntimeFactory(OrtEnvironment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    /** A factory over ONNX Runtime's process-wide default environment. */
    public static DefaultModelRuntimeFactory withDefaultEnvironment() {
        return new DefaultModelRuntimeFactory(OrtEnvironment.getEnvironment());
    }

    @Override
    public ModelRuntime open(ModelFormat format, Path modelFile, ModelSignature declared, RuntimeOptions options) {
        requireNonNull(format, "format is null");
        return switch (format) {
            case ONNX -> OnnxRuntimeModel.open(environment, modelFile, options);
            case TORCHSCRIPT -> TorchScriptModel.open(modelFile, declared, options);
            case KEEL -> throw KeelException.invalid("format: keel (expected: onnx or torchscript; export a Keel "
                    + "model bundle to ONNX before serving it)");
        };
    }
}
