package dev.keel.serve.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.TensorSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes ONNX for a Keel model from its architecture spec (which layers, in which order, with which options)
 * and its trained weights (taken from the rebuilt block's Linear and Conv2d layers, in order). Supports the
 * {@code mlp}, {@code cnn} and {@code resnet} architectures (batch norm with its running statistics, as at inference);
 * dropout is the identity at inference and is not written.
 */
public final class OnnxExporter {
    public static final List<String> ARCHITECTURES = List.of("mlp", "cnn", "resnet", "text");

    /** The ONNX model bytes of {@code bundle}'s network: encoded example in, logits out. */
    public byte[] export(KeelBundleModel bundle) {
        String architecture = bundle.architecture();
        if (!ARCHITECTURES.contains(architecture)) {
            throw KeelException.invalid("model.architecture: " + architecture + " (expected: one of " + ARCHITECTURES
                    + " for ONNX export)");
        }
        JsonNode options = bundle.model().spec().model().options();
        Deque<Block> weighted = new ArrayDeque<>();
        collectWeighted(bundle.model().block(), weighted);
        OnnxGraph graph = new OnnxGraph();
        TensorSpec input = bundle.signature().inputs().getFirst();
        graph.input(KeelBundleModel.INPUT, bundle.takesTokens() ? OnnxMl.TensorProto.DataType.INT64
                : OnnxMl.TensorProto.DataType.FLOAT, input.shape());
        String value = KeelBundleModel.INPUT;
        if (architecture.equals("text")) {
            value = text(graph, value, options, weighted);
        } else if (architecture.equals("resnet")) {
            value = resnet(graph, value, options, weighted);
        } else if (architecture.equals("cnn")) {
            JsonNode pool = options.get("pool");
            long size = pool.get("size").asLong();
            String poolOp = "avg".equals(pool.get("kind").asText()) ? "AveragePool" : "MaxPool";
            for (JsonNode conv : options.get("conv")) {
                Conv2d layer = (Conv2d) next(weighted, Conv2d.class);
                long kernel = conv.get("kernel").asLong();
                long padding = conv.get("padding").asLong();
                value = graph.node("Conv", List.of(value, weight(graph, layer, "weight"), weight(graph, layer, "bias")),
                        List.of(OnnxGraph.ints("kernel_shape", kernel, kernel),
                                OnnxGraph.ints("pads", padding, padding, padding, padding),
                                OnnxGraph.ints("strides", 1, 1)));
                value = activation(graph, value, options.get("activation").asText());
                value = graph.node(poolOp, List.of(value), List.of(OnnxGraph.ints("kernel_shape", size, size),
                        OnnxGraph.ints("strides", size, size)));
            }
        }
        value = graph.node("Flatten", List.of(value), List.of(OnnxGraph.integer("axis", 1)));
        for (JsonNode dense : architecture.equals("resnet") ? List.<JsonNode>of()
                : options.get(architecture.equals("mlp") ? "layers" : "dense")) {
            value = gemm(graph, value, (Linear) next(weighted, Linear.class));
            value = activation(graph, value, dense.get("activation").asText());
        }
        value = gemm(graph, value, (Linear) next(weighted, Linear.class));
        if (!weighted.isEmpty()) {
            throw KeelException.invalid("model: " + weighted.size() + " weighted layers left after export (expected: "
                    + "the block to match its " + architecture + " spec)");
        }
        TensorSpec output = bundle.signature().outputs().getFirst();
        graph.output(value, KeelBundleModel.OUTPUT, OnnxMl.TensorProto.DataType.FLOAT, output.shape());
        return graph.toModelBytes("1", "Keel " + architecture + " model, spec " + bundle.model().spec().specHash()
                + ", weights " + bundle.model().weightsHash());
    }

    /**
     * Token ids (N, L) → embedding rows → either the mean over non-padding tokens (id 0 is padding) or a 1-D
     * convolution, ReLU and max over time: the two encoders of the text classifier.
     */
    private static String text(OnnxGraph graph, String ids, JsonNode options, Deque<Block> weighted) {
        IdEmbedding embedding = (IdEmbedding) next(weighted, IdEmbedding.class);
        String embedded = graph.node("Gather", List.of(weight(graph, embedding, "embedding"), ids),
                List.of(OnnxGraph.integer("axis", 0))); // (N, L, D)
        if ("conv".equals(options.get("encoder").asText())) {
            Conv1d conv = (Conv1d) next(weighted, Conv1d.class);
            long kernel = options.get("kernel").asLong();
            String channelsFirst = graph.node("Transpose", List.of(embedded), List.of(OnnxGraph.ints("perm", 0, 2, 1)));
            String features = graph.node("Relu", graph.node("Conv", List.of(channelsFirst, weight(graph, conv, "weight"),
                    weight(graph, conv, "bias")), List.of(OnnxGraph.ints("kernel_shape", kernel),
                    OnnxGraph.ints("pads", 0, 0), OnnxGraph.ints("strides", 1))));
            return graph.node("ReduceMax", List.of(features), List.of(OnnxGraph.ints("axes", 2),
                    OnnxGraph.integer("keepdims", 0)));
        }
        String notPadding = graph.node("Not", graph.node("Equal", ids, graph.longs("zero", 0)));
        String mask = graph.node("Unsqueeze", graph.node("Cast", List.of(notPadding), List.of(OnnxGraph.integer("to",
                OnnxMl.TensorProto.DataType.FLOAT.getNumber()))), graph.longs("axis2", 2)); // (N, L, 1)
        String axis1 = graph.longs("axis1", 1);
        String counts = graph.node("Max", graph.node("ReduceSum", List.of(mask, axis1), List.of(OnnxGraph.integer("keepdims", 0))),
                graph.scalar("one", 1f));
        String sums = graph.node("ReduceSum", List.of(graph.node("Mul", embedded, mask), axis1),
                List.of(OnnxGraph.integer("keepdims", 0)));
        return graph.node("Div", sums, counts);
    }

    /** Stem, residual blocks (main path + identity or 1×1 projection shortcut), global average pool. */
    private static String resnet(OnnxGraph graph, String value, JsonNode options, Deque<Block> weighted) {
        value = graph.node("Relu", batchNorm(graph, conv(graph, value, weighted, 3, 1), weighted));
        int channels = options.get("stemChannels").asInt();
        boolean first = true;
        for (JsonNode stage : options.get("stages")) {
            int stageChannels = stage.get("channels").asInt();
            for (int i = 0; i < stage.get("blocks").asInt(); i++) {
                int stride = (i == 0 && !first) ? 2 : 1;
                String main = graph.node("Relu", batchNorm(graph, conv(graph, value, weighted, 3, stride), weighted));
                main = batchNorm(graph, conv(graph, main, weighted, 3, 1), weighted);
                String shortcut = channels == stageChannels && stride == 1 ? value
                        : batchNorm(graph, conv(graph, value, weighted, 1, stride), weighted);
                value = graph.node("Relu", graph.node("Add", main, shortcut));
                channels = stageChannels;
            }
            first = false;
        }
        return graph.node("GlobalAveragePool", value);
    }

    private static String conv(OnnxGraph graph, String value, Deque<Block> weighted, long kernel, long stride) {
        Conv2d layer = (Conv2d) next(weighted, Conv2d.class);
        long padding = kernel / 2;
        java.util.List<String> inputs = new java.util.ArrayList<>(List.of(value, weight(graph, layer, "weight")));
        if (layer.getParameters().get("bias") != null) {
            inputs.add(weight(graph, layer, "bias"));
        }
        return graph.node("Conv", inputs, List.of(OnnxGraph.ints("kernel_shape", kernel, kernel),
                OnnxGraph.ints("pads", padding, padding, padding, padding), OnnxGraph.ints("strides", stride, stride)));
    }

    private static String batchNorm(OnnxGraph graph, String value, Deque<Block> weighted) {
        BatchNorm layer = (BatchNorm) next(weighted, BatchNorm.class);
        return graph.node("BatchNormalization", List.of(value, weight(graph, layer, "gamma"), weight(graph, layer, "beta"),
                weight(graph, layer, "runningMean"), weight(graph, layer, "runningVar")),
                List.of(OnnxMl.AttributeProto.newBuilder().setName("epsilon")
                        .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(BATCH_NORM_EPSILON).build()));
    }

    /** DJL's BatchNorm default, which the resnet architecture keeps. */
    private static final float BATCH_NORM_EPSILON = 1e-5f;

    private static String gemm(OnnxGraph graph, String value, Linear layer) {
        return graph.node("Gemm", List.of(value, weight(graph, layer, "weight"), weight(graph, layer, "bias")),
                List.of(OnnxGraph.integer("transB", 1)));
    }

    private static String activation(OnnxGraph graph, String value, String name) {
        return switch (name) {
            case "relu" -> graph.node("Relu", value);
            case "tanh" -> graph.node("Tanh", value);
            case "sigmoid" -> graph.node("Sigmoid", value);
            case "gelu" -> {
                // PyTorch's exact GELU: 0.5 · x · (1 + erf(x / √2)); opset 13 has no Gelu operator.
                String erf = graph.node("Erf", graph.node("Div", value, graph.scalar("sqrt2", (float) Math.sqrt(2))));
                String onePlus = graph.node("Add", erf, graph.scalar("one", 1f));
                yield graph.node("Mul", graph.node("Mul", value, onePlus), graph.scalar("half", 0.5f));
            }
            default -> throw KeelException.invalid("activation: " + name + " (expected: relu, tanh, sigmoid or gelu)");
        };
    }

    private static String weight(OnnxGraph graph, Block layer, String parameter) {
        NDArray array = layer.getParameters().get(parameter).getArray();
        return graph.initializer(parameter, array.toFloatArray(), array.getShape().getShape());
    }

    private static void collectWeighted(Block block, Deque<Block> out) {
        if (block instanceof Linear || block instanceof Conv2d || block instanceof Conv1d || block instanceof BatchNorm
                || block instanceof IdEmbedding) {
            out.addLast(block);
            return;
        }
        block.getChildren().values().forEach(child -> collectWeighted(child, out));
    }

    private static Block next(Deque<Block> weighted, Class<? extends Block> type) {
        Block block = weighted.pollFirst();
        if (!type.isInstance(block)) {
            throw KeelException.invalid("model: found " + (block == null ? "no layer" : block.getClass().getSimpleName())
                    + " (expected: " + type.getSimpleName() + " as the spec lists)");
        }
        return block;
    }
}
