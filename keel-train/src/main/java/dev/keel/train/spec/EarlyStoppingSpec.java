package dev.keel.train.spec;

/**
 * Stop when {@code metric} (a validation metric such as {@code val_loss} or {@code val_accuracy}) has not
 * improved by more than {@code minDelta} for {@code patience} epochs; {@code mode} is {@code min} or {@code max}.
 */
public record EarlyStoppingSpec(String metric, int patience, String mode, double minDelta) {
    public boolean improves(double candidate, double best) {
        return "max".equals(mode) ? candidate > best + minDelta : candidate < best - minDelta;
    }
}
