package dev.keel.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.keel.train.spec.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum, Adam and AdamW over a block's trainable parameters, following PyTorch's update rules, with
 * state Keel owns (DJL's optimisers keep theirs private, and a checkpoint must carry it to resume exactly).
 * Gradients are clipped to a global L2 norm first, and zeroed after the update. Call {@link #step} inside an
 * {@code NDScope} so the temporaries die with the step; parameters and state are updated in place.
 */
final class ParameterOptimizer {
    private final OptimizerSpec spec;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long updates;

    ParameterOptimizer(OptimizerSpec spec, List<Parameter> all, NDManager stateManager) {
        this.spec = spec;
        for (Parameter parameter : all) {
            if (!parameter.requiresGradient()) {
                continue; // batch norm running statistics
            }
            parameters.add(parameter);
            NDArray weight = parameter.getArray();
            first.add(stateManager.zeros(weight.getShape(), weight.getDataType()));
            if (!OptimizerSpec.SGD.equals(spec.kind())) {
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
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray gradient = gradients.get(i);
            switch (spec.kind()) {
                case OptimizerSpec.SGD -> sgd(weight, gradient, first.get(i), learningRate);
                default -> adam(weight, gradient, first.get(i), second.get(i), learningRate);
            }
            gradient.subi(gradient);
        }
        return norm;
    }

    private void sgd(NDArray weight, NDArray gradient, NDArray velocity, double learningRate) {
        NDArray g = spec.weightDecay() > 0 ? gradient.add(weight.mul(spec.weightDecay())) : gradient;
        velocity.muli(spec.momentum()).addi(g);
        weight.subi(velocity.mul(learningRate));
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

    void restore(NDList saved, long savedUpdates) {
        List<NDArray> all = new ArrayList<>(first);
        all.addAll(second);
        if (saved.size() != all.size()) {
            throw new IllegalStateException("optimizer state: " + saved.size() + " arrays (expected: " + all.size() + ")");
        }
        for (int i = 0; i < all.size(); i++) {
            all.get(i).set(saved.get(i).toByteBuffer());
        }
        updates = savedUpdates;
    }
}
