package dev.keel.train.loop;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import dev.keel.core.error.KeelException;
import dev.keel.train.model.ArchitectureProvider;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.model.ModelInput;
import dev.keel.train.spec.ModelSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Builds and initialises a spec's model for a known example shape, after checking that the model can take that
 * shape: a mismatch fails before any step with a message naming both shapes.
 */
public final class ModelFactory {
    private final ArchitectureRegistry architectures;

    public ModelFactory(ArchitectureRegistry architectures) {
        this.architectures = architectures;
    }

    /** Fails with {@code INVALID_ARGUMENT} naming the data's and the model's shapes when they do not fit. */
    public void checkShape(ModelSpec model, String field, long[] example) {
        ArchitectureProvider provider = architectures.get(model.architecture());
        Optional<String> expected = provider.checkInput(model.options(), new Shape(example));
        if (expected.isPresent()) {
            throw mismatch(model, field, example, expected.get(), null);
        }
    }

    /** A new block with freshly initialised parameters (seeded by the engine's current seed). */
    public Block build(ModelSpec model, String field, long[] example, int classes, int vocabularySize, NDManager manager) {
        checkShape(model, field, example);
        ArchitectureProvider provider = architectures.get(model.architecture());
        Block block = provider.build(model.options(), new ModelInput(new Shape(example), classes, vocabularySize));
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        block.setInitializer(new ConstantInitializer(0), Parameter.Type.BIAS);
        Shape batch = new Shape(1).addAll(new Shape(example));
        Shape output;
        try {
            block.initialize(manager, DataType.FLOAT32, batch);
            output = block.getOutputShapes(new Shape[] {batch})[0];
        } catch (RuntimeException e) {
            throw mismatch(model, field, example, "a shape its layers accept", e);
        }
        if (!output.equals(new Shape(1, classes))) {
            throw KeelException.invalid("model " + model.architecture() + " maps input " + batch + " to " + output
                    + " (expected: (1, " + classes + "), one logit per class)");
        }
        return block;
    }

    private static KeelException mismatch(ModelSpec model, String field, long[] example, String expected, Exception cause) {
        String message = "input shape mismatch: data field " + field + " has examples of shape " + describe(example)
                + " but model " + model.architecture() + " expects " + expected
                + (cause == null ? "" : " (" + cause.getMessage() + ")");
        return KeelException.invalid(message);
    }

    static String describe(long[] shape) {
        return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toList()) + ")";
    }
}
