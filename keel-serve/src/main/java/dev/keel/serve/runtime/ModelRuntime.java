package dev.keel.serve.runtime;

import java.util.Map;

/**
 * A loaded model that answers batches. Implementations validate every call against {@link #signature()} and
 * throw {@code KeelException(INVALID_ARGUMENT)} naming the expected signature for a wrong input name, dtype or
 * shape. {@link #predict} may be called from several threads at once; callers that want isolation between
 * requests (one bad request must not fail its batch) validate each request with
 * {@code signature().validate(...)} before concatenating them into a batch.
 */
public interface ModelRuntime extends AutoCloseable {

    ModelSignature signature();

    ModelFormat format();

    /**
     * Runs one batch: every input has the batch as its first dimension; every output comes back with the same
     * batch size first. Returned tensors are owned by the caller.
     */
    Map<String, Tensor> predict(Map<String, Tensor> inputs);

    /** Releases native memory (sessions, engine handles); calls after close fail. */
    @Override
    void close();
}
