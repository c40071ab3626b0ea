package dev.keel.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Token ids {@code (N, L)} → logits {@code (N, classes)}. A custom block because the mean encoder needs the ids
 * (to leave padding, id 0, out of the mean) after the embedding has replaced them.
 */
final class TextClassifierBlock extends AbstractBlock {
    private final Block embedding;
    private final Block conv;
    private final SequentialBlock head;
    private final boolean convEncoder;
    private final int embeddingDim;

    TextClassifierBlock(ObjectNode options, int vocabularySize, int classes) {
        embeddingDim = options.get("embeddingDim").asInt();
        convEncoder = "conv".equals(options.get("encoder").asText());
        embedding = addChildBlock("embedding", new IdEmbedding.Builder().setDictionarySize(vocabularySize)
                .setEmbeddingSize(embeddingDim).build());
        int kernel = options.get("kernel").asInt();
        conv = convEncoder ? addChildBlock("conv", Conv1d.builder().setFilters(options.get("convChannels").asInt())
                .setKernelShape(new Shape(kernel)).build()) : null;
        SequentialBlock dense = new SequentialBlock();
        Layers.addDense(dense, options.get("dense"));
        dense.add(Layers.output(classes));
        head = addChildBlock("head", dense);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray embedded = embedding.forward(store, new NDList(ids), training).singletonOrThrow(); // (N, L, D)
        NDArray encoded;
        if (convEncoder) {
            NDArray channelsFirst = embedded.transpose(0, 2, 1); // (N, D, L)
            NDArray features = Activation.relu(conv.forward(store, new NDList(channelsFirst), training).singletonOrThrow());
            encoded = features.max(new int[] {2});
        } else {
            NDArray mask = ids.neq(0).toType(DataType.FLOAT32, false).expandDims(2); // (N, L, 1)
            NDArray counts = mask.sum(new int[] {1}).maximum(1f); // (N, 1)
            encoded = embedded.mul(mask).sum(new int[] {1}).div(counts);
        }
        return head.forward(store, new NDList(encoded), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape encoded = new Shape(inputs[0].get(0), convEncoder ? conv.getOutputShapes(
                new Shape[] {new Shape(inputs[0].get(0), embeddingDim, inputs[0].get(1))})[0].get(1) : embeddingDim);
        return head.getOutputShapes(new Shape[] {encoded});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        embedding.initialize(manager, dataType, ids);
        long width = embeddingDim;
        if (convEncoder) {
            Shape channelsFirst = new Shape(ids.get(0), embeddingDim, ids.get(1));
            conv.initialize(manager, dataType, channelsFirst);
            width = conv.getOutputShapes(new Shape[] {channelsFirst})[0].get(1);
        }
        head.initialize(manager, dataType, new Shape(ids.get(0), width));
    }
}
