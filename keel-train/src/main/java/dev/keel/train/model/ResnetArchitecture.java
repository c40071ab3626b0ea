package dev.keel.train.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.train.spec.SpecObject;
import java.util.List;
import java.util.Optional;

/**
 * {@code resnet}: a small ResNet for 28×28 / 32×32 images. A 3×3 stem of {@code stemChannels} (default 16), then
 * the {@code stages} (list of {@code {channels, blocks}}; default 16×2, 32×2, 64×2), each stage after the first
 * halving the resolution; basic residual blocks (two 3×3 convolutions with batch norm, a 1×1 projection where
 * the shape changes); global average pooling and the output layer. {@code inputChannels} default 1.
 */
public final class ResnetArchitecture implements ArchitectureProvider {
    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public ObjectNode readOptions(SpecObject model) {
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        options.put("inputChannels", model.integer("inputChannels", 1, 1));
        options.put("stemChannels", model.integer("stemChannels", 16, 1));
        ArrayNode stages = options.putArray("stages");
        if (model.has("stages")) {
            for (SpecObject stage : model.objects("stages")) {
                stages.addObject().put("channels", stage.integer("channels", 1, 1)).put("blocks", stage.integer("blocks", 1, 1));
                stage.finish();
            }
            model.problems().require(!stages.isEmpty(), model.field("stages"), "[]", "at least one stage");
        } else {
            for (int channels : List.of(16, 32, 64)) {
                stages.addObject().put("channels", channels).put("blocks", 2);
            }
        }
        return options;
    }

    @Override
    public Optional<String> checkInput(ObjectNode options, Shape example) {
        int channels = options.get("inputChannels").asInt();
        long minimum = 1L << Math.max(0, options.get("stages").size() - 1);
        boolean fits = example.dimension() == 3 && example.get(0) == channels
                && example.get(1) >= minimum && example.get(2) >= minimum;
        return fits ? Optional.empty() : Optional.of("(" + channels + ", H >= " + minimum + ", W >= " + minimum + ")");
    }

    @Override
    public Block build(ObjectNode options, ModelInput input) {
        SequentialBlock block = new SequentialBlock();
        int channels = options.get("stemChannels").asInt();
        block.add(conv(channels, 3, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        boolean first = true;
        for (JsonNode stage : options.get("stages")) {
            int stageChannels = stage.get("channels").asInt();
            for (int i = 0; i < stage.get("blocks").asInt(); i++) {
                int stride = (i == 0 && !first) ? 2 : 1;
                block.add(residual(channels, stageChannels, stride));
                channels = stageChannels;
            }
            first = false;
        }
        block.add(Pool.globalAvgPool2dBlock());
        block.add(Blocks.batchFlattenBlock());
        block.add(Layers.output(input.classes()));
        return block;
    }

    private static Block residual(int inChannels, int outChannels, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(outChannels, 3, stride)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(outChannels, 3, 1)).add(BatchNorm.builder().build());
        Block shortcut = inChannels == outChannels && stride == 1 ? Blocks.identityBlock()
                : new SequentialBlock()
                        .add(Conv2d.builder().setFilters(outChannels).setKernelShape(new Shape(1, 1))
                                .optStride(new Shape(stride, stride)).optBias(false).build())
                        .add(BatchNorm.builder().build());
        return new SequentialBlock()
                .add(new ParallelBlock(outputs -> new NDList(outputs.get(0).singletonOrThrow()
                        .add(outputs.get(1).singletonOrThrow())), List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }

    private static Block conv(int channels, int kernel, int stride) {
        int padding = kernel / 2;
        return Conv2d.builder().setFilters(channels).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optBias(false).build();
    }
}
