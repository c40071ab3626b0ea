package dev.keel.serve.registry;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.export.KeelBundleModel;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.ModelRuntimeFactory;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.RuntimeOptions;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import dev.keel.train.model.ArchitectureRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a file may become a model version, and with which signature: ONNX files are loaded by ONNX
 * Runtime and their graph inputs/outputs are the signature; TorchScript files need a declared signature, which
 * a dry run on zeros (batch of one) must confirm; Keel bundles are rebuilt in the training engine. Any failure
 * is an INVALID_ARGUMENT with the reason, before anything is stored.
 */
public final class ModelFileValidator {
    private final ModelRuntimeFactory runtimes;
    private final ArchitectureRegistry architectures;

    public ModelFileValidator(ModelRuntimeFactory runtimes, ArchitectureRegistry architectures) {
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.architectures = requireNonNull(architectures, "architectures is null");
    }

    public ModelSignature validate(ModelFormat format, Path file, Optional<ModelSignature> declared) {
        return switch (format) {
            case ONNX -> {
                try (ModelRuntime runtime = runtimes.open(format, file, null, RuntimeOptions.defaults())) {
                    yield runtime.signature();
                }
            }
            case TORCHSCRIPT -> validateTorchScript(file, declared.orElseThrow(() -> KeelException.invalid(
                    "signature: missing (expected: {inputs: [{name, dtype, shape}], outputs: [...]} for a TorchScript "
                            + "model, which carries no signature of its own)")));
            case KEEL -> {
                try (KeelBundleModel bundle = KeelBundleModel.load(file, architectures)) {
                    yield bundle.signature();
                } catch (KeelException e) {
                    throw new KeelException(ErrorCode.INVALID_ARGUMENT, "model file: not a loadable Keel model bundle ("
                            + e.getMessage() + ")", e);
                }
            }
        };
    }

    private ModelSignature validateTorchScript(Path file, ModelSignature declared) {
        try (ModelRuntime runtime = runtimes.open(ModelFormat.TORCHSCRIPT, file, declared, RuntimeOptions.defaults())) {
            Map<String, Tensor> zeros = new LinkedHashMap<>();
            for (TensorSpec input : declared.inputs()) {
                long[] shape = input.shape();
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shape[i] == -1 ? 1 : shape[i];
                }
                zeros.put(input.name(), Tensor.zeros(input.dtype(), shape));
            }
            Map<String, Tensor> outputs;
            try {
                outputs = runtime.predict(zeros);
            } catch (KeelException e) {
                throw KeelException.invalid("signature: the dry run on zeros failed (" + e.getMessage() + ")");
            }
            List<String> problems = new ArrayList<>();
            for (TensorSpec expected : declared.outputs()) {
                Tensor actual = outputs.get(expected.name());
                if (actual.dtype() != expected.dtype() || !expected.acceptsShape(actual.shape())) {
                    problems.add("signature.outputs." + expected.name() + ": the dry run returned " + actual
                            + " (expected: " + expected.dtype().jsonName() + java.util.Arrays.toString(expected.shape()) + ")");
                }
            }
            if (!problems.isEmpty()) {
                throw new KeelException(ErrorCode.INVALID_ARGUMENT, String.join("; ", problems), problems);
            }
            return declared;
        }
    }
}
