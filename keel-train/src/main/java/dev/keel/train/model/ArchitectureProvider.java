package dev.keel.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.train.spec.SpecObject;
import java.util.Optional;

/**
 * An architecture a spec can name ({@code model.architecture}). Keel's own ({@code mlp}, {@code cnn},
 * {@code resnet}, {@code text}) are registered exactly like a user's: list the class in
 * {@code META-INF/services/dev.keel.train.model.ArchitectureProvider} on the worker's class path.
 */
public interface ArchitectureProvider {
    /** The name a spec uses; lower case. */
    String name();

    /**
     * Reads this architecture's options from {@code model} (whose {@code architecture} key is already read),
     * recording every bad value on {@code model.problems()}, and returns them with every default filled in:
     * the stored options must rebuild the same model even if defaults change later. Unknown keys are reported
     * by the caller.
     */
    ObjectNode readOptions(SpecObject model);

    /**
     * Checks the shape of one example of the data (no batch dimension) against what the model accepts; returns
     * the expected shape in words (e.g. {@code (1, H >= 12, W >= 12)}) when it does not match.
     */
    Optional<String> checkInput(ObjectNode options, Shape example);

    /** A new, uninitialised block mapping a batch {@code (N, example...)} to logits {@code (N, classes)}. */
    Block build(ObjectNode options, ModelInput input);
}
