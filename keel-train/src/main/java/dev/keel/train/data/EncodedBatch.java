package dev.keel.train.data;

/**
 * A batch ready to become tensors: either {@code features} (floats, row-major, {@code size × exampleShape}) or
 * {@code tokens} (token ids) — the other is {@code null} — and one class index per row.
 */
public record EncodedBatch(float[] features, int[] tokens, long[] exampleShape, int[] labels) {
    public int size() {
        return labels.length;
    }
}
