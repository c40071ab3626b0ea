package dev.keel.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.train.spec.SpecObject;
import java.util.List;
import java.util.Optional;

/**
 * {@code mlp}: flattens each example and applies dense layers. Options: {@code layers} (list of
 * {@code {units, activation, dropout}}; default 256, 128), {@code activation} (default relu), {@code dropout}
 * (default 0), {@code inputSize} (elements per example; 0 = whatever the data has).
 */
public final class MlpArchitecture implements ArchitectureProvider {
    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public ObjectNode readOptions(SpecObject model) {
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        String activation = model.choice("activation", "relu", Layers.ACTIVATIONS);
        double dropout = model.number("dropout", 0, 0, 1, false);
        options.put("activation", activation);
        options.put("dropout", dropout);
        options.put("inputSize", model.integer("inputSize", 0, 0));
        options.set("layers", Layers.readDense(model, "layers", List.of(256, 128), activation, dropout));
        return options;
    }

    @Override
    public Optional<String> checkInput(ObjectNode options, Shape example) {
        long inputSize = options.path("inputSize").asLong(0);
        if (inputSize > 0 && example.size() != inputSize) {
            return Optional.of("(" + inputSize + ") elements per example");
        }
        return Optional.empty();
    }

    @Override
    public Block build(ObjectNode options, ModelInput input) {
        SequentialBlock block = new SequentialBlock();
        block.add(Blocks.batchFlattenBlock());
        Layers.addDense(block, options.get("layers"));
        block.add(Layers.output(input.classes()));
        return block;
    }
}
