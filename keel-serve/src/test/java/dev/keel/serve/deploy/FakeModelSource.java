package dev.keel.serve.deploy;

import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Models whose version {@code v} multiplies its float input {@code x[-1, 2]} by {@code v}; versions listed as
 * broken throw on every call. Aliases are a mutable map, like the registry's.
 */
final class FakeModelSource implements ModelSource {
    static final ModelSignature SIGNATURE = new ModelSignature(
            List.of(new TensorSpec("x", DataType.FLOAT32, new long[] {-1, 2})),
            List.of(new TensorSpec("y", DataType.FLOAT32, new long[] {-1, 2})));

    final Map<String, String> aliases = new ConcurrentHashMap<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final List<String> versions;
    private final List<String> broken;

    FakeModelSource(List<String> versions, List<String> broken) {
        this.versions = versions;
        this.broken = broken;
    }

    @Override
    public String resolveVersion(String model, String reference) {
        if (!model.equals("scaler")) {
            throw KeelException.notFound("model " + model);
        }
        if (versions.contains(reference)) {
            return reference;
        }
        String version = aliases.get(reference);
        if (version == null) {
            throw KeelException.notFound("version or alias " + reference + " of model " + model);
        }
        return version;
    }

    @Override
    public ModelRuntime open(String model, String version) {
        opened.incrementAndGet();
        float factor = Float.parseFloat(version);
        boolean fails = broken.contains(version);
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
                if (fails) {
                    throw new IllegalStateException("kernel for version " + version + " is broken");
                }
                Tensor x = inputs.get("x");
                float[] values = x.toFloats();
                for (int i = 0; i < values.length; i++) {
                    if (Float.isNaN(values[i])) {
                        throw new IllegalArgumentException("NaN input");
                    }
                    values[i] *= factor;
                }
                return Map.of("y", Tensor.ofFloats(x.shape(), values));
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    static Map<String, Tensor> row(float a, float b) {
        return Map.of("x", Tensor.ofFloats(new long[] {1, 2}, a, b));
    }
}
