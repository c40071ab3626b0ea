package dev.keel.serve.deploy;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.serve.batching.BatchListener;
import dev.keel.serve.batching.BatchPolicy;
import dev.keel.serve.batching.DynamicBatcher;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One loaded model version with its batcher: requests (each a map of input tensors with a batch dimension)
 * are validated on the caller's thread, stacked into one batch per input name, run once, and the outputs
 * sliced back per request.
 */
public final class ServedVersion implements AutoCloseable {
    private final String endpoint;
    private final String model;
    private final String version;
    private final BatchPolicy policy;
    private final ModelRuntime runtime;
    private final DynamicBatcher<Map<String, Tensor>, Map<String, Tensor>> batcher;
    private final BatchListener listener;
    private final ServingObserver observer;

    ServedVersion(String endpoint, String model, String version, ModelRuntime runtime, BatchPolicy policy,
            ServingObserver observer) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.model = requireNonNull(model, "model is null");
        this.version = requireNonNull(version, "version is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.observer = requireNonNull(observer, "observer is null");
        DynamicBatcher<Map<String, Tensor>, Map<String, Tensor>>[] self = new DynamicBatcher[1];
        this.listener = observer.versionStarted(endpoint, model, version, () -> self[0] == null ? 0 : self[0].queueDepth());
        this.batcher = DynamicBatcher.start(endpoint + "-v" + version, policy, this::runBatch, ServedVersion::rows,
                listener);
        self[0] = batcher;
    }

    public String endpoint() {
        return endpoint;
    }

    public BatchPolicy policy() {
        return policy;
    }

    public String model() {
        return model;
    }

    public String version() {
        return version;
    }

    public ModelSignature signature() {
        return runtime.signature();
    }

    public int queueDepth() {
        return batcher.queueDepth();
    }

    /** Validates and queues one request; a failed future for bad input, a full queue or a closed batcher. */
    CompletableFuture<Map<String, Tensor>> submit(Map<String, Tensor> inputs) {
        CompletableFuture<Map<String, Tensor>> future;
        try {
            runtime.signature().validate(inputs);
            future = batcher.submit(inputs);
        } catch (KeelException | IllegalArgumentException e) {
            future = CompletableFuture.failedFuture(e);
        }
        if (future.isCompletedExceptionally()) {
            listener.answered(cause(future));
        }
        return future;
    }

    boolean isClosed() {
        return batcher.isClosed();
    }

    static Throwable cause(CompletableFuture<?> failed) {
        try {
            failed.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static int rows(Map<String, Tensor> inputs) {
        return Math.toIntExact(inputs.values().iterator().next().batchSize());
    }

    private List<Map<String, Tensor>> runBatch(List<Map<String, Tensor>> requests) {
        ModelSignature signature = runtime.signature();
        Map<String, Tensor> batch;
        if (requests.size() == 1) {
            batch = requests.getFirst();
        } else {
            batch = new LinkedHashMap<>();
            for (TensorSpec input : signature.inputs()) {
                List<Tensor> parts = new ArrayList<>(requests.size());
                for (Map<String, Tensor> request : requests) {
                    parts.add(request.get(input.name()));
                }
                batch.put(input.name(), Tensor.concat(parts));
            }
        }
        Map<String, Tensor> outputs = runtime.predict(batch);
        try {
            observer.predicted(endpoint, model, version, batch, outputs);
        } catch (RuntimeException e) {
            // Monitoring must never fail a prediction; the observer contract says it does not throw anyway.
        }
        if (requests.size() == 1) {
            return List.of(outputs);
        }
        List<Map<String, Tensor>> answers = new ArrayList<>(requests.size());
        long from = 0;
        for (Map<String, Tensor> request : requests) {
            long to = from + rows(request);
            Map<String, Tensor> answer = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> output : outputs.entrySet()) {
                answer.put(output.getKey(), output.getValue().slice(from, to));
            }
            answers.add(answer);
            from = to;
        }
        return answers;
    }

    /** Drains queued requests, then releases the runtime. */
    @Override
    public void close() {
        try {
            batcher.close();
        } finally {
            runtime.close();
        }
    }
}
