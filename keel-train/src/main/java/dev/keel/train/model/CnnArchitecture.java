package dev.keel.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.train.spec.SpecObject;
import java.util.List;
import java.util.Optional;

/**
 * {@code cnn}, LeNet-style: per entry of {@code conv} ({@code {channels, kernel, padding}}; default 6×5 pad 2,
 * 16×5) a convolution, the activation and a {@code pool} ({@code {kind: max|avg, size}}; default max 2), then
 * the {@code dense} layers (default 120, 84) and the output layer. {@code inputChannels} default 1.
 */
public final class CnnArchitecture implements ArchitectureProvider {
    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public ObjectNode readOptions(SpecObject model) {
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        String activation = model.choice("activation", "relu", Layers.ACTIVATIONS);
        double dropout = model.number("dropout", 0, 0, 1, false);
        options.put("activation", activation);
        options.put("dropout", dropout);
        options.put("inputChannels", model.integer("inputChannels", 1, 1));
        ArrayNode conv = options.putArray("conv");
        if (model.has("conv")) {
            for (SpecObject layer : model.objects("conv")) {
                conv.addObject().put("channels", layer.integer("channels", 1, 1))
                        .put("kernel", layer.integer("kernel", 3, 1))
                        .put("padding", layer.integer("padding", 0, 0));
                layer.finish();
            }
        } else {
            conv.addObject().put("channels", 6).put("kernel", 5).put("padding", 2);
            conv.addObject().put("channels", 16).put("kernel", 5).put("padding", 0);
        }
        SpecObject pool = model.object("pool");
        options.putObject("pool").put("kind", pool.choice("kind", "max", List.of("max", "avg")))
                .put("size", pool.integer("size", 2, 1));
        pool.finish();
        options.set("dense", Layers.readDense(model, "dense", List.of(120, 84), activation, dropout));
        return options;
    }

    @Override
    public Optional<String> checkInput(ObjectNode options, Shape example) {
        int channels = options.get("inputChannels").asInt();
        long[] minimum = minimumSize(options);
        String expected = "(" + channels + ", H >= " + minimum[0] + ", W >= " + minimum[0] + ")";
        if (example.dimension() != 3 || example.get(0) != channels) {
            return Optional.of(expected);
        }
        return spatialOutput(options, example.get(1)) >= 1 && spatialOutput(options, example.get(2)) >= 1
                ? Optional.empty() : Optional.of(expected);
    }

    private static long[] minimumSize(ObjectNode options) {
        for (long size = 1; size < 4096; size++) {
            if (spatialOutput(options, size) >= 1) {
                return new long[] {size};
            }
        }
        return new long[] {4096};
    }

    static long spatialOutput(ObjectNode options, long size) {
        int pool = options.get("pool").get("size").asInt();
        for (JsonNode conv : options.get("conv")) {
            size = size + 2L * conv.get("padding").asInt() - conv.get("kernel").asInt() + 1;
            if (size < 1) {
                return 0;
            }
            size = size / pool;
        }
        return size;
    }

    @Override
    public Block build(ObjectNode options, ModelInput input) {
        SequentialBlock block = new SequentialBlock();
        JsonNode pool = options.get("pool");
        Shape window = new Shape(pool.get("size").asInt(), pool.get("size").asInt());
        for (JsonNode conv : options.get("conv")) {
            int kernel = conv.get("kernel").asInt();
            int padding = conv.get("padding").asInt();
            block.add(Conv2d.builder().setFilters(conv.get("channels").asInt()).setKernelShape(new Shape(kernel, kernel))
                    .optPadding(new Shape(padding, padding)).build());
            block.add(Layers.activation(options.get("activation").asText()));
            block.add("avg".equals(pool.get("kind").asText()) ? Pool.avgPool2dBlock(window, window)
                    : Pool.maxPool2dBlock(window, window));
        }
        block.add(Blocks.batchFlattenBlock());
        Layers.addDense(block, options.get("dense"));
        block.add(Layers.output(input.classes()));
        return block;
    }
}
