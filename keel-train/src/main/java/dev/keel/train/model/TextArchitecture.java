package dev.keel.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.train.spec.SpecObject;
import java.util.List;
import java.util.Optional;

/**
 * {@code text}: a classifier over token ids (from {@code preprocessing.text}). An embedding of
 * {@code embeddingDim} (default 64), an {@code encoder}: {@code mean} (mean of the non-padding embeddings) or
 * {@code conv} (a 1-D convolution of {@code convChannels} × {@code kernel}, then max over time), then the
 * {@code dense} layers (default 64) and the output layer.
 */
public final class TextArchitecture implements ArchitectureProvider {
    @Override
    public String name() {
        return "text";
    }

    @Override
    public ObjectNode readOptions(SpecObject model) {
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        String activation = model.choice("activation", "relu", Layers.ACTIVATIONS);
        double dropout = model.number("dropout", 0, 0, 1, false);
        options.put("activation", activation);
        options.put("dropout", dropout);
        options.put("embeddingDim", model.integer("embeddingDim", 64, 1));
        options.put("encoder", model.choice("encoder", "mean", List.of("mean", "conv")));
        options.put("convChannels", model.integer("convChannels", 128, 1));
        options.put("kernel", model.integer("kernel", 5, 1));
        options.set("dense", Layers.readDense(model, "dense", List.of(64), activation, dropout));
        return options;
    }

    @Override
    public Optional<String> checkInput(ObjectNode options, Shape example) {
        boolean fits = example.dimension() == 1
                && (!"conv".equals(options.get("encoder").asText()) || example.get(0) >= options.get("kernel").asInt());
        return fits ? Optional.empty() : Optional.of("(L) token ids, L >= "
                + ("conv".equals(options.get("encoder").asText()) ? options.get("kernel").asInt() : 1));
    }

    @Override
    public Block build(ObjectNode options, ModelInput input) {
        if (input.vocabularySize() < 2) {
            throw new IllegalArgumentException("vocabularySize: " + input.vocabularySize()
                    + " (expected: >= 2; the text architecture needs preprocessing.text)");
        }
        return new TextClassifierBlock(options, input.vocabularySize(), input.classes());
    }
}
