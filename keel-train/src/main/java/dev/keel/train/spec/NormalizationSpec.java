package dev.keel.train.spec;

/**
 * How numeric inputs are scaled before the model sees them: {@code none}; {@code scale} ({@code x * factor},
 * e.g. 1/255 for bytes); {@code mean-std} ({@code (x - mean) / std}).
 */
public record NormalizationSpec(String kind, double factor, double mean, double std) {
    public static final String NONE = "none";
    public static final String SCALE = "scale";
    public static final String MEAN_STD = "mean-std";

    public static NormalizationSpec none() {
        return new NormalizationSpec(NONE, 1, 0, 1);
    }

    public float apply(double value) {
        return switch (kind) {
            case SCALE -> (float) (value * factor);
            case MEAN_STD -> (float) ((value - mean) / std);
            default -> (float) value;
        };
    }
}
