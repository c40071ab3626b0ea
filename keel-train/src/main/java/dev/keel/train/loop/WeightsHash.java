package dev.keel.train.loop;

import ai.djl.nn.Block;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import java.io.IOException;

/** SHA-256 of a block's parameters as DJL saves them: equal hashes mean bit-identical weights. */
public final class WeightsHash {
    private WeightsHash() {}

    public static String of(Block block) {
        try {
            return Sha256.of(CheckpointFile.parameterBytes(block));
        } catch (IOException e) {
            throw new KeelException(ErrorCode.INTERNAL, "cannot serialise parameters: " + e.getMessage(), e);
        }
    }
}
