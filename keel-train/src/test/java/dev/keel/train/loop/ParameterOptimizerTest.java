package dev.keel.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.keel.train.spec.OptimizerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One parameter, a loss whose gradient is known ({@code sum(w * c)} has gradient {@code c}), updates by hand. */
class ParameterOptimizerTest {
    private static final float[] START = {1f, -2f};
    private static final float[] GRADIENT = {0.5f, -3f};

    private static float[][] twoSteps(OptimizerSpec spec, double learningRate, double clip) {
        return steps(spec, clip, learningRate, learningRate);
    }

    /** The weights after each step, one step per learning rate. */
    private static float[][] steps(OptimizerSpec spec, double clip, double... learningRates) {
        Engine engine = EngineSetup.pytorch(1);
        try (NDManager manager = engine.newBaseManager()) {
            Parameter parameter = parameter(manager, START);
            ParameterOptimizer optimizer = new ParameterOptimizer(spec, List.of(parameter), manager);
            float[][] weights = new float[learningRates.length][];
            for (int step = 0; step < learningRates.length; step++) {
                backward(engine, parameter);
                optimizer.step(learningRates[step], clip);
                weights[step] = parameter.getArray().toFloatArray();
            }
            return weights;
        }
    }

    private static Parameter parameter(NDManager manager, float[] values) {
        Parameter parameter = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        parameter.setArray(manager.create(values));
        parameter.getArray().setRequiresGradient(true);
        return parameter;
    }

    private static void backward(Engine engine, Parameter parameter) {
        try (NDManager scratch = parameter.getArray().getManager().newSubManager();
             GradientCollector collector = engine.newGradientCollector()) {
            collector.backward(parameter.getArray().mul(scratch.create(GRADIENT)).sum());
        }
    }

    @Test
    void sgdWithMomentumFollowsPyTorchsRule() {
        float[][] weights = twoSteps(new OptimizerSpec("sgd", 0.1, 0.9, 0, 0.9, 0.999, 1e-8), 0.1, 0);

        // v1 = g, w1 = w0 - lr g; v2 = 0.9 v1 + g = 1.9 g, w2 = w1 - lr 1.9 g.
        assertThat(weights[0][0]).isCloseTo(1f - 0.05f, within(1e-6f));
        assertThat(weights[1][1]).isCloseTo(-2f + 0.3f + 0.57f, within(1e-5f));
    }

    @Test
    void sgdFollowsPyTorchsRuleWhenTheLearningRateChangesAndWithWeightDecay() {
        float[][] weights = steps(new OptimizerSpec("sgd", 0.1, 0.9, 0.5, 0.9, 0.999, 1e-8), 0, 0.1, 0.02, 0.05);

        // PyTorch: d = g + wd w; v = 0.9 v + d; w -= lr v, with the learning rate of each step.
        double w = START[1];
        double v = 0;
        double[] rates = {0.1, 0.02, 0.05};
        for (int step = 0; step < rates.length; step++) {
            v = 0.9 * v + GRADIENT[1] + 0.5 * w;
            w -= rates[step] * v;
            assertThat((double) weights[step][1]).isCloseTo(w, within(1e-5));
        }
    }

    @Test
    void restoredSgdStateContinuesExactlyAndStateFromOlderCheckpointsIsRescaled() {
        OptimizerSpec spec = new OptimizerSpec("sgd", 0.1, 0.9, 0, 0.9, 0.999, 1e-8);
        float[][] straight = steps(spec, 0, 0.1, 0.05);
        Engine engine = EngineSetup.pytorch(1);
        try (NDManager manager = engine.newBaseManager()) {
            Parameter first = parameter(manager, START);
            ParameterOptimizer interrupted = new ParameterOptimizer(spec, List.of(first), manager);
            backward(engine, first);
            interrupted.step(0.1, 0);
            byte[] saved = interrupted.state().encode();

            Parameter resumed = parameter(manager, first.getArray().toFloatArray());
            ParameterOptimizer restored = new ParameterOptimizer(spec, List.of(resumed), manager);
            restored.restore(NDList.decode(manager, saved), 1, 0.1);
            backward(engine, resumed);
            restored.step(0.05, 0);
            assertThat(resumed.getArray().toFloatArray()).containsExactly(straight[1]);

            // A checkpoint of an older Keel holds PyTorch's momentum buffer v (= g after one step), unnamed.
            Parameter old = parameter(manager, first.getArray().toFloatArray());
            ParameterOptimizer fromOld = new ParameterOptimizer(spec, List.of(old), manager);
            fromOld.restore(new NDList(manager.create(GRADIENT)), 1, 0.1);
            backward(engine, old);
            fromOld.step(0.05, 0);
            assertThat(old.getArray().toFloatArray()).containsExactly(straight[1], within(1e-6f));
        }
    }

    @Test
    void adamwDecaysWeightsDecoupledFromTheAdaptiveStep() {
        float[][] weights = twoSteps(new OptimizerSpec("adamw", 0.01, 0, 0.1, 0.9, 0.999, 1e-8), 0.01, 0);

        // With a constant gradient the bias-corrected step is lr * g / (|g| + eps) = lr * sign(g) every step;
        // before it the weight shrinks by (1 - lr * wd).
        double w1 = 1 * (1 - 0.001) - 0.01;
        double w2 = w1 * (1 - 0.001) - 0.01;
        assertThat((double) weights[1][0]).isCloseTo(w2, within(1e-6));
        assertThat((double) weights[1][1]).isCloseTo((-2 * 0.999 + 0.01) * 0.999 + 0.01, within(1e-6));
    }

    @Test
    void clippingScalesTheGradientToTheMaximumNorm() {
        // |g| = sqrt(0.25 + 9); clipped to norm 1 the first SGD step moves w by lr * g / |g|.
        float[][] weights = twoSteps(new OptimizerSpec("sgd", 1, 0, 0, 0.9, 0.999, 1e-8), 1, 1);
        double norm = Math.sqrt(0.25 + 9);

        assertThat((double) weights[0][0]).isCloseTo(1 - 0.5 / norm, within(1e-5));
        assertThat((double) weights[0][1]).isCloseTo(-2 + 3 / norm, within(1e-5));
    }
}
