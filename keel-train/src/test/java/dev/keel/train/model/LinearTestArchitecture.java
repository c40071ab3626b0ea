package dev.keel.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.train.spec.SpecObject;
import java.util.Optional;

/** A user's architecture as the SPI sees it: a linear classifier with one option. */
public final class LinearTestArchitecture implements ArchitectureProvider {
    @Override
    public String name() {
        return "linear";
    }

    @Override
    public ObjectNode readOptions(SpecObject model) {
        return JsonNodeFactory.instance.objectNode().put("bias", model.bool("bias", true));
    }

    @Override
    public Optional<String> checkInput(ObjectNode options, Shape example) {
        return Optional.empty();
    }

    @Override
    public Block build(ObjectNode options, ModelInput input) {
        return new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(input.classes()).optBias(options.get("bias").asBoolean()).build());
    }
}
