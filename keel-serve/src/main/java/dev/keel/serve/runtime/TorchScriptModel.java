package dev.keel.serve.runtime;

import static java.util.Objects.requireNonNull;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.train.loop.EngineSetup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TorchScript model served by DJL's PyTorch engine. TorchScript files carry no usable signature, so the caller
 * declares one; inputs are passed to {@code forward} positionally in the declared order and outputs are named
 * in the declared order. Each call works in its own short-lived NDManager, so native memory is freed per batch.
 */
public final class TorchScriptModel implements ModelRuntime {
    private final ZooModel<NDList, NDList> model;
    private final ModelSignature signature;

    private TorchScriptModel(ZooModel<NDList, NDList> model, ModelSignature signature) {
        this.model = model;
        this.signature = signature;
    }

    /** Loads a local TorchScript {@code .pt} file; a file PyTorch cannot load is an INVALID_ARGUMENT. */
    public static TorchScriptModel open(Path modelFile, ModelSignature signature, RuntimeOptions options) {
        requireNonNull(modelFile, "modelFile is null");
        requireNonNull(signature, "signature is null (TorchScript models need a declared signature)");
        requireNonNull(options, "options is null");
        if (!Files.isRegularFile(modelFile)) {
            throw KeelException.invalid("model file: " + modelFile + " (expected: a TorchScript file)");
        }
        EngineSetup.pytorch(options.intraOpThreads());
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optEngine("PyTorch")
                .optModelPath(modelFile)
                .optTranslator(new NoopTranslator())
                .optOption("interOpThreads", "1")
                .optOption("intraOpThreads", Integer.toString(options.intraOpThreads()))
                .build();
        try {
            return new TorchScriptModel(criteria.loadModel(), signature);
        } catch (MalformedModelException | ModelNotFoundException | IOException | RuntimeException e) {
            throw new KeelException(ErrorCode.INVALID_ARGUMENT, "model file: not a loadable TorchScript model ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.TORCHSCRIPT;
    }

    @Override
    public Map<String, Tensor> predict(Map<String, Tensor> inputs) {
        signature.validate(inputs);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList feed = new NDList();
            for (TensorSpec spec : signature.inputs()) {
                feed.add(toNd(manager, inputs.get(spec.name())));
            }
            NDList result;
            try {
                result = model.getBlock().forward(new ParameterStore(manager, false), feed, false);
            } catch (RuntimeException e) {
                throw new KeelException(ErrorCode.INVALID_ARGUMENT, "TorchScript model rejected the inputs: "
                        + e.getMessage() + " — model signature: " + signature.describeInputs(), e);
            }
            List<TensorSpec> outputs = signature.outputs();
            if (result.size() < outputs.size()) {
                throw new KeelException(ErrorCode.INTERNAL, "model returned " + result.size()
                        + " outputs (expected: " + outputs.size() + ", " + signature.describe() + ")");
            }
            Map<String, Tensor> named = new LinkedHashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                named.put(outputs.get(i).name(), fromNd(result.get(i)));
            }
            return named;
        }
    }

    @Override
    public void close() {
        model.close();
    }

    private static NDArray toNd(NDManager manager, Tensor tensor) {
        ByteBuffer direct = ByteBuffer.allocateDirect(tensor.byteSize()).order(ByteOrder.nativeOrder());
        ByteBuffer source = tensor.buffer();
        switch (tensor.dtype()) {
            case FLOAT32 -> direct.asFloatBuffer().put(source.asFloatBuffer());
            case FLOAT64 -> direct.asDoubleBuffer().put(source.asDoubleBuffer());
            case INT16 -> direct.asShortBuffer().put(source.asShortBuffer());
            case INT32 -> direct.asIntBuffer().put(source.asIntBuffer());
            case INT64 -> direct.asLongBuffer().put(source.asLongBuffer());
            case INT8, UINT8, BOOL -> direct.put(source);
        }
        direct.rewind();
        return manager.create(direct, new Shape(tensor.shape()), djlType(tensor.dtype()));
    }

    private static Tensor fromNd(NDArray array) {
        DataType dtype = switch (array.getDataType()) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT64 -> DataType.FLOAT64;
            case INT8 -> DataType.INT8;
            case UINT8 -> DataType.UINT8;
            case INT16 -> DataType.INT16;
            case INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
            case BOOLEAN -> DataType.BOOL;
            default -> throw new KeelException(ErrorCode.INTERNAL, "model output type " + array.getDataType()
                    + " (expected: one of " + List.of(DataType.values()) + ")");
        };
        ByteBuffer native_ = array.toByteBuffer();
        ByteBuffer out = ByteBuffer.allocate(native_.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case FLOAT32 -> out.asFloatBuffer().put(native_.asFloatBuffer());
            case FLOAT64 -> out.asDoubleBuffer().put(native_.asDoubleBuffer());
            case INT16 -> out.asShortBuffer().put(native_.asShortBuffer());
            case INT32 -> out.asIntBuffer().put(native_.asIntBuffer());
            case INT64 -> out.asLongBuffer().put(native_.asLongBuffer());
            case INT8, UINT8, BOOL -> out.put(native_);
        }
        return Tensor.wrap(dtype, array.getShape().getShape(), out.array());
    }

    private static ai.djl.ndarray.types.DataType djlType(DataType dtype) {
        return switch (dtype) {
            case FLOAT32 -> ai.djl.ndarray.types.DataType.FLOAT32;
            case FLOAT64 -> ai.djl.ndarray.types.DataType.FLOAT64;
            case INT8 -> ai.djl.ndarray.types.DataType.INT8;
            case UINT8 -> ai.djl.ndarray.types.DataType.UINT8;
            case INT16 -> ai.djl.ndarray.types.DataType.INT16;
            case INT32 -> ai.djl.ndarray.types.DataType.INT32;
            case INT64 -> ai.djl.ndarray.types.DataType.INT64;
            case BOOL -> ai.djl.ndarray.types.DataType.BOOLEAN;
        };
    }
}
