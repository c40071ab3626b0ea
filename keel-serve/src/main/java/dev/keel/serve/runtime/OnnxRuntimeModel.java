package dev.keel.serve.runtime;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model served by ONNX Runtime's Java API. The session is thread-safe, so one instance serves all
 * callers; every call closes the tensors and results it creates, so native memory does not pile up.
 */
public final class OnnxRuntimeModel implements ModelRuntime {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ModelSignature signature;

    private OnnxRuntimeModel(OrtEnvironment environment, OrtSession session, ModelSignature signature) {
        this.environment = environment;
        this.session = session;
        this.signature = signature;
    }

    /**
     * Loads {@code modelFile}; a file ONNX Runtime cannot load, or one with inputs/outputs of a type Keel cannot
     * carry (strings, sequences, maps), is an INVALID_ARGUMENT naming the reason.
     */
    public static OnnxRuntimeModel open(OrtEnvironment environment, Path modelFile, RuntimeOptions options) {
        requireNonNull(modelFile, "modelFile is null");
        return open(environment, options, sessionOptions -> environment.createSession(modelFile.toString(), sessionOptions));
    }

    /** Loads a model from its bytes (an export being checked before it is stored). */
    public static OnnxRuntimeModel open(OrtEnvironment environment, byte[] model, RuntimeOptions options) {
        requireNonNull(model, "model is null");
        return open(environment, options, sessionOptions -> environment.createSession(model, sessionOptions));
    }

    private interface SessionOpener {
        OrtSession open(OrtSession.SessionOptions options) throws OrtException;
    }

    private static OnnxRuntimeModel open(OrtEnvironment environment, RuntimeOptions options, SessionOpener opener) {
        requireNonNull(environment, "environment is null");
        requireNonNull(options, "options is null");
        OrtSession session;
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            sessionOptions.setInterOpNumThreads(1);
            session = opener.open(sessionOptions);
        } catch (OrtException e) {
            throw new KeelException(ErrorCode.INVALID_ARGUMENT,
                    "model file: not a loadable ONNX model (" + firstLine(e.getMessage()) + ")", e);
        }
        try {
            ModelSignature signature = new ModelSignature(specs("inputs", session.getInputInfo()),
                    specs("outputs", session.getOutputInfo()));
            return new OnnxRuntimeModel(environment, session, signature);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof KeelException keel) {
                throw keel;
            }
            throw new KeelException(ErrorCode.INVALID_ARGUMENT, "model file: unsupported ONNX graph signature ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.ONNX;
    }

    @Override
    public Map<String, Tensor> predict(Map<String, Tensor> inputs) {
        signature.validate(inputs);
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (TensorSpec spec : signature.inputs()) {
                feeds.put(spec.name(), toOnnx(inputs.get(spec.name())));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                Map<String, Tensor> outputs = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> entry : result) {
                    outputs.put(entry.getKey(), fromOnnx(entry.getKey(), entry.getValue()));
                }
                return outputs;
            }
        } catch (OrtException e) {
            throw new KeelException(ErrorCode.INVALID_ARGUMENT, "ONNX Runtime rejected the inputs: "
                    + firstLine(e.getMessage()) + " — model signature: " + signature.describeInputs(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private OnnxTensor toOnnx(Tensor tensor) throws OrtException {
        long[] shape = tensor.shape();
        ByteBuffer bytes = tensor.buffer();
        return switch (tensor.dtype()) {
            case FLOAT32 -> OnnxTensor.createTensor(environment, bytes.asFloatBuffer(), shape);
            case FLOAT64 -> OnnxTensor.createTensor(environment, bytes.asDoubleBuffer(), shape);
            case INT16 -> OnnxTensor.createTensor(environment, bytes.asShortBuffer(), shape);
            case INT32 -> OnnxTensor.createTensor(environment, bytes.asIntBuffer(), shape);
            case INT64 -> OnnxTensor.createTensor(environment, bytes.asLongBuffer(), shape);
            case INT8 -> OnnxTensor.createTensor(environment, bytes, shape, OnnxJavaType.INT8);
            case UINT8 -> OnnxTensor.createTensor(environment, bytes, shape, OnnxJavaType.UINT8);
            case BOOL -> OnnxTensor.createTensor(environment, bytes, shape, OnnxJavaType.BOOL);
        };
    }

    private static Tensor fromOnnx(String name, OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new KeelException(ErrorCode.INTERNAL, "output " + name + ": " + value.getType()
                    + " (expected: a tensor)");
        }
        TensorInfo info = tensor.getInfo();
        DataType dtype = dataType(info.type, "outputs." + name);
        long[] shape = info.getShape();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(Tensor.elementCount(shape) * dtype.byteSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case FLOAT32 -> out.asFloatBuffer().put(tensor.getFloatBuffer());
            case FLOAT64 -> out.asDoubleBuffer().put(tensor.getDoubleBuffer());
            case INT16 -> out.asShortBuffer().put(tensor.getShortBuffer());
            case INT32 -> out.asIntBuffer().put(tensor.getIntBuffer());
            case INT64 -> out.asLongBuffer().put(tensor.getLongBuffer());
            case INT8, UINT8, BOOL -> out.put(tensor.getByteBuffer());
        }
        return Tensor.wrap(dtype, shape, out.array());
    }

    private static List<TensorSpec> specs(String field, Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new KeelException(ErrorCode.INVALID_ARGUMENT, "model file: " + field + "." + node.getName()
                        + " is " + node.getInfo() + " (expected: a tensor)");
            }
            long[] shape = info.getShape().clone();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] <= 0) {
                    shape[i] = -1; // symbolic and unknown dimensions
                }
            }
            specs.add(new TensorSpec(node.getName(), dataType(info.type, field + "." + node.getName()), shape));
        }
        return specs;
    }

    private static DataType dataType(OnnxJavaType type, String field) {
        return switch (type) {
            case FLOAT -> DataType.FLOAT32;
            case DOUBLE -> DataType.FLOAT64;
            case INT8 -> DataType.INT8;
            case UINT8 -> DataType.UINT8;
            case INT16 -> DataType.INT16;
            case INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
            case BOOL -> DataType.BOOL;
            default -> throw new KeelException(ErrorCode.INVALID_ARGUMENT, "model file: " + field + " has element type "
                    + type + " (expected: one of " + List.of(DataType.values()) + ")");
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; a failure here leaves nothing the caller could act on.
        }
    }
}
