package dev.keel.server.serving;

import com.google.protobuf.ByteString;
import dev.keel.core.error.ErrorCategory;
import dev.keel.core.error.KeelException;
import dev.keel.serve.deploy.Deployments;
import dev.keel.serve.deploy.Endpoint;
import dev.keel.serve.deploy.Prediction;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import dev.keel.server.serving.oip.grpc.GRPCInferenceServiceGrpc;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.InferTensorContents;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ModelInferRequest;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ModelInferResponse;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ModelMetadataRequest;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ModelMetadataResponse;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ModelReadyRequest;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ModelReadyResponse;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ServerLiveRequest;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ServerLiveResponse;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ServerMetadataRequest;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ServerMetadataResponse;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ServerReadyRequest;
import dev.keel.server.serving.oip.grpc.GrpcPredictV2.ServerReadyResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code inference.GRPCInferenceService}: all six calls of the Open Inference Protocol v2 over gRPC. Inputs come
 * as typed contents or {@code raw_input_contents}; outputs go back as typed contents. Keel errors map to gRPC
 * statuses by category (INVALID_ARGUMENT, NOT_FOUND, RESOURCE_EXHAUSTED, …). Authentication is the
 * {@link GrpcAuthInterceptor}'s job.
 */
final class OipGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private final Deployments deployments;

    OipGrpcService(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> response) {
        reply(response, ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
        reply(response, ServerReadyResponse.newBuilder().setReady(true).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> response) {
        reply(response, ServerMetadataResponse.newBuilder().setName(OipRestService.SERVER_NAME)
                .setVersion(OipRestService.SERVER_VERSION).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> response) {
        try {
            Endpoint endpoint = deployments.get(request.getName());
            if (!request.getVersion().isEmpty()) {
                endpoint.signature(request.getVersion());
            }
            reply(response, ModelReadyResponse.newBuilder().setReady(true).build());
        } catch (RuntimeException e) {
            response.onError(status(e));
        }
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
        try {
            Endpoint endpoint = deployments.get(request.getName());
            ModelSignature signature = request.getVersion().isEmpty()
                    ? endpoint.signature() : endpoint.signature(request.getVersion());
            ModelMetadataResponse.Builder body = ModelMetadataResponse.newBuilder().setName(endpoint.name())
                    .setPlatform("keel").addAllVersions(endpoint.versions());
            for (TensorSpec spec : signature.inputs()) {
                body.addInputs(metadata(spec));
            }
            for (TensorSpec spec : signature.outputs()) {
                body.addOutputs(metadata(spec));
            }
            reply(response, body.build());
        } catch (RuntimeException e) {
            response.onError(status(e));
        }
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
        CompletableFuture<Prediction> prediction;
        Endpoint endpoint;
        try {
            endpoint = deployments.get(request.getModelName());
            Map<String, Tensor> inputs = inputs(request);
            prediction = request.getModelVersion().isEmpty()
                    ? endpoint.predict(inputs) : endpoint.predict(request.getModelVersion(), inputs);
        } catch (RuntimeException e) {
            response.onError(status(e));
            return;
        }
        Set<String> requested = new HashSet<>();
        request.getOutputsList().forEach(output -> requested.add(output.getName()));
        // Build the reply on this call's event loop, not on the batch worker that completes the prediction.
        java.util.concurrent.Executor responder =
                com.linecorp.armeria.server.ServiceRequestContext.current().eventLoop().withoutContext();
        prediction.whenCompleteAsync((answer, failure) -> {
            if (failure != null) {
                response.onError(status(failure));
                return;
            }
            ModelInferResponse.Builder body = ModelInferResponse.newBuilder().setModelName(endpoint.name())
                    .setModelVersion(answer.version()).setId(request.getId());
            answer.outputs().forEach((name, tensor) -> {
                if (requested.isEmpty() || requested.contains(name)) {
                    body.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName(name)
                            .setDatatype(OipDataTypes.name(tensor.dtype()))
                            .addAllShape(List.of(java.util.Arrays.stream(tensor.shape()).boxed().toArray(Long[]::new)))
                            .setContents(contents(tensor)));
                }
            });
            reply(response, body.build());
        }, responder);
    }

    private static Map<String, Tensor> inputs(ModelInferRequest request) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        boolean raw = request.getRawInputContentsCount() > 0;
        if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
            throw KeelException.invalid("raw_input_contents: " + request.getRawInputContentsCount()
                    + " entries (expected: " + request.getInputsCount() + ", one per input)");
        }
        for (int i = 0; i < request.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor input = request.getInputs(i);
            String field = "inputs[" + i + "]";
            DataType dtype = OipDataTypes.parse(field + ".datatype", input.getDatatype());
            long[] shape = input.getShapeList().stream().mapToLong(Long::longValue).toArray();
            long count;
            try {
                count = Tensor.elementCount(shape);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw KeelException.invalid(field + ".shape: " + input.getShapeList() + " (expected: dimensions >= 0)");
            }
            byte[] bytes = raw ? request.getRawInputContents(i).toByteArray() : fromContents(field, dtype, input.getContents(), count);
            if (bytes.length != count * dtype.byteSize()) {
                throw KeelException.invalid(field + ": " + bytes.length / dtype.byteSize() + " values (expected: " + count
                        + " for shape " + input.getShapeList() + ")");
            }
            inputs.put(input.getName(), Tensor.wrap(dtype, shape, bytes));
        }
        return inputs;
    }

    private static byte[] fromContents(String field, DataType dtype, InferTensorContents contents, long count) {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(Math.min(count, 1L << 28) * dtype.byteSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        int given = switch (dtype) {
            case FLOAT32 -> contents.getFp32ContentsCount();
            case FLOAT64 -> contents.getFp64ContentsCount();
            case INT64 -> contents.getInt64ContentsCount();
            case BOOL -> contents.getBoolContentsCount();
            case UINT8 -> contents.getUintContentsCount();
            default -> contents.getIntContentsCount();
        };
        if (given != count) {
            throw KeelException.invalid(field + ".contents: " + given + " values (expected: " + count + ")");
        }
        for (int i = 0; i < count; i++) {
            switch (dtype) {
                case FLOAT32 -> out.putFloat(contents.getFp32Contents(i));
                case FLOAT64 -> out.putDouble(contents.getFp64Contents(i));
                case INT64 -> out.putLong(contents.getInt64Contents(i));
                case INT32 -> out.putInt(contents.getIntContents(i));
                case INT16 -> out.putShort((short) contents.getIntContents(i));
                case INT8 -> out.put((byte) contents.getIntContents(i));
                case UINT8 -> out.put((byte) contents.getUintContents(i));
                case BOOL -> out.put((byte) (contents.getBoolContents(i) ? 1 : 0));
            }
        }
        return out.array();
    }

    private static InferTensorContents contents(Tensor tensor) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        int count = tensor.elementCount();
        switch (tensor.dtype()) {
            case FLOAT32 -> {
                for (float value : tensor.toFloats()) {
                    contents.addFp32Contents(value);
                }
            }
            case FLOAT64 -> {
                for (double value : tensor.toDoubles()) {
                    contents.addFp64Contents(value);
                }
            }
            case INT64 -> {
                for (long value : tensor.toLongs()) {
                    contents.addInt64Contents(value);
                }
            }
            case BOOL -> {
                for (int i = 0; i < count; i++) {
                    contents.addBoolContents(tensor.getDouble(i) != 0);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    contents.addUintContents((int) tensor.getDouble(i));
                }
            }
            default -> {
                for (int value : tensor.toInts()) {
                    contents.addIntContents(value);
                }
            }
        }
        return contents.build();
    }

    private static ModelMetadataResponse.TensorMetadata metadata(TensorSpec spec) {
        ModelMetadataResponse.TensorMetadata.Builder builder = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(spec.name()).setDatatype(OipDataTypes.name(spec.dtype()));
        for (long dimension : spec.shape()) {
            builder.addShape(dimension);
        }
        return builder.build();
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }

    static StatusRuntimeException status(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (!(cause instanceof KeelException e)) {
            return Status.INTERNAL.withDescription("internal error").withCause(cause).asRuntimeException();
        }
        Status status = switch (e.code().category()) {
            case INVALID_INPUT -> Status.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case NOT_FOUND -> Status.NOT_FOUND;
            case CONFLICT -> Status.ALREADY_EXISTS;
            case TOO_LARGE -> Status.OUT_OF_RANGE;
            case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case INTERNAL -> Status.INTERNAL;
        };
        return status.withDescription(e.getMessage()).asRuntimeException();
    }

    static boolean isCategory(Throwable failure, ErrorCategory category) {
        return failure instanceof KeelException e && e.code().category() == category;
    }
}
