package dev.keel.train.spec;

/**
 * {@code sgd} (with {@code momentum}, 0 for plain SGD), {@code adam} (L2 {@code weightDecay} added to the
 * gradient) or {@code adamw} (decoupled weight decay).
 */
public record OptimizerSpec(String kind, double learningRate, double momentum, double weightDecay, double beta1,
                            double beta2, double epsilon) {
    public static final String SGD = "sgd";
    public static final String ADAM = "adam";
    public static final String ADAMW = "adamw";
}
