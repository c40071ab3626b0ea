package dev.keel.bench.serve;

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
import java.util.Random;

/**
 * Two dense networks computed in plain Java, so the benchmark measures serving overhead rather than an engine:
 * "mlp" (784-256-10, ~0.2 M multiply-adds per row, sub-millisecond) and "heavy" (784 → 4 × 2048 hidden → 10,
 * about 10 ms per row on one core). Weights are seeded; matrix products are blocked per batch, so a batch of n
 * rows costs less than n single rows (what makes batching worth it).
 */
final class SyntheticModels implements ModelSource {
    static final int INPUT = 784;

    @Override
    public String resolveVersion(String model, String reference) {
        if (!model.equals("mlp") && !model.equals("heavy")) {
            throw KeelException.notFound("model " + model);
        }
        return "1";
    }

    @Override
    public ModelRuntime open(String model, String version) {
        int[] layers = model.equals("mlp") ? new int[] {INPUT, 256, 10} : new int[] {INPUT, 2048, 2048, 2048, 2048, 10};
        return new DenseNetwork(layers, 42);
    }

    static Map<String, Tensor> input(Random random, int rows) {
        float[] values = new float[rows * INPUT];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return Map.of("x", Tensor.ofFloats(new long[] {rows, INPUT}, values));
    }

    static final class DenseNetwork implements ModelRuntime {
        private final int[] layers;
        private final float[][] weights;
        private final ModelSignature signature;

        DenseNetwork(int[] layers, long seed) {
            this.layers = layers;
            Random random = new Random(seed);
            weights = new float[layers.length - 1][];
            for (int l = 0; l < weights.length; l++) {
                weights[l] = new float[layers[l] * layers[l + 1]];
                for (int i = 0; i < weights[l].length; i++) {
                    weights[l][i] = (random.nextFloat() - 0.5f) * 0.1f;
                }
            }
            signature = new ModelSignature(List.of(new TensorSpec("x", DataType.FLOAT32, new long[] {-1, INPUT})),
                    List.of(new TensorSpec("y", DataType.FLOAT32, new long[] {-1, layers[layers.length - 1]})));
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
            Tensor x = inputs.get("x");
            int rows = (int) x.batchSize();
            float[] activations = x.toFloats();
            for (int l = 0; l < weights.length; l++) {
                int in = layers[l];
                int out = layers[l + 1];
                float[] next = new float[rows * out];
                float[] w = weights[l];
                // i-k-j order over the weight rows: each weight row is read once per batch, not once per row.
                for (int k = 0; k < in; k++) {
                    int wRow = k * out;
                    for (int r = 0; r < rows; r++) {
                        float a = activations[r * in + k];
                        if (a == 0) {
                            continue;
                        }
                        int base = r * out;
                        for (int j = 0; j < out; j++) {
                            next[base + j] += a * w[wRow + j];
                        }
                    }
                }
                if (l < weights.length - 1) {
                    for (int i = 0; i < next.length; i++) {
                        next[i] = Math.max(0, next[i]);
                    }
                }
                activations = next;
            }
            return Map.of("y", Tensor.ofFloats(new long[] {rows, layers[layers.length - 1]}, activations));
        }

        @Override
        public void close() {}
    }
}
