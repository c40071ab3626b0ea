package dev.keel.serve.runtime;

import java.util.List;

/** The declared signature of the tiny-linear-softmax.pt fixture, shared by the runtime and registry tests. */
public final class TorchScriptModelTestSignatures {
    public static final ModelSignature TINY = new ModelSignature(
            List.of(new TensorSpec("x", DataType.FLOAT32, new long[] {-1, 4})),
            List.of(new TensorSpec("probabilities", DataType.FLOAT32, new long[] {-1, 3})));

    private TorchScriptModelTestSignatures() {}
}
