package dev.keel.server.serving;

import dev.keel.core.error.KeelException;
import dev.keel.serve.deploy.ModelSource;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A fake model source: model "scaler" version v multiplies float input x[-1, 2] by v into y. Setting
 * {@link #blocked} makes calls wait for {@link #release}, so a test can fill the queue behind a busy worker.
 */
final class ScalingModels implements ModelSource {
    static final ModelSignature SIGNATURE = new ModelSignature(
            List.of(new TensorSpec("x", DataType.FLOAT32, new long[] {-1, 2})),
            List.of(new TensorSpec("y", DataType.FLOAT32, new long[] {-1, 2})));

    final Map<String, String> aliases = new ConcurrentHashMap<>();
    /** Calls block while {@code blocked} is true, until released. */
    volatile boolean blocked;
    final Semaphore release = new Semaphore(0);
    final Semaphore entered = new Semaphore(0);

    @Override
    public String resolveVersion(String model, String reference) {
        if (!model.equals("scaler")) {
            throw KeelException.notFound("model " + model);
        }
        if (reference.matches("[1-9]")) {
            return reference;
        }
        String version = aliases.get(reference);
        if (version == null) {
            throw KeelException.notFound("alias " + reference + " of model " + model);
        }
        return version;
    }

    @Override
    public ModelRuntime open(String model, String version) {
        float factor = Float.parseFloat(version);
        return new ModelRuntime() {
            @Override
            public ModelSignature signature() {
                return SIGNATURE;
            }

            @Override
            public ModelFormat format() {
                return ModelFormat.values()[0];
            }

            @Override
            public Map<String, Tensor> predict(Map<String, Tensor> inputs) {
                if (blocked) {
                    entered.release();
                    try {
                        release.tryAcquire(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                Tensor x = inputs.get("x");
                float[] values = x.toFloats();
                for (int i = 0; i < values.length; i++) {
                    values[i] *= factor;
                }
                return Map.of("y", Tensor.ofFloats(x.shape(), values));
            }

            @Override
            public void close() {}
        };
    }
}
