package dev.keel.train.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.train.spec.SpecObject;
import java.util.List;

/** Option reading and block pieces the built-in architectures share: activations and stacks of dense layers. */
final class Layers {
    static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "gelu");

    private Layers() {}

    static Block activation(String name) {
        return switch (name) {
            case "tanh" -> Activation.tanhBlock();
            case "sigmoid" -> Activation.sigmoidBlock();
            case "gelu" -> Activation.geluBlock();
            default -> Activation.reluBlock();
        };
    }

    /**
     * Reads {@code key: [{units: 120, activation: relu, dropout: 0.0}, …]}; each layer's activation and dropout
     * default to the architecture's. Returns the resolved list.
     */
    static ArrayNode readDense(SpecObject model, String key, List<Integer> defaultUnits, String activation, double dropout) {
        ArrayNode layers = JsonNodeFactory.instance.arrayNode();
        if (!model.has(key)) {
            defaultUnits.forEach(units -> layers.addObject().put("units", units).put("activation", activation)
                    .put("dropout", dropout));
            return layers;
        }
        for (SpecObject layer : model.objects(key)) {
            ObjectNode resolved = layers.addObject();
            resolved.put("units", layer.integer("units", 1, 1));
            resolved.put("activation", layer.choice("activation", activation, ACTIVATIONS));
            resolved.put("dropout", layer.number("dropout", dropout, 0, 1, false));
            layer.finish();
        }
        return layers;
    }

    /** Appends the dense layers of {@link #readDense} to {@code block}. */
    static void addDense(SequentialBlock block, JsonNode layers) {
        for (JsonNode layer : layers) {
            block.add(Linear.builder().setUnits(layer.get("units").asLong()).build());
            block.add(activation(layer.get("activation").asText()));
            double dropout = layer.get("dropout").asDouble();
            if (dropout > 0) {
                block.add(Dropout.builder().optRate((float) dropout).build());
            }
        }
    }

    static Block output(int classes) {
        return Linear.builder().setUnits(classes).build();
    }
}
