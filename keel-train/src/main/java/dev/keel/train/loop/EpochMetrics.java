package dev.keel.train.loop;

import java.util.Map;

/**
 * Metrics after an epoch (1-based): {@code train_loss} and, with a validation split, {@code val_loss},
 * {@code val_accuracy}, {@code val_precision}, {@code val_recall}, {@code val_f1} (macro averages).
 * {@code confusion} is the validation confusion matrix, or {@code null} without a validation split.
 */
public record EpochMetrics(int epoch, long step, Map<String, Double> metrics, ConfusionMatrix confusion) {
    public EpochMetrics {
        metrics = Map.copyOf(metrics);
    }
}
