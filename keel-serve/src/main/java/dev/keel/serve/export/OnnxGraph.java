package dev.keel.serve.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Builds one ONNX graph from nodes and float initializers: a thin layer over the protobuf classes so the
 * exporter reads as the list of layers it writes. Opset 13; the batch dimension is the symbolic {@code N}.
 */
final class OnnxGraph {
    static final int OPSET = 13;
    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("keel");
    private int counter;

    /** A fresh value name with {@code prefix}. */
    String name(String prefix) {
        return prefix + "_" + counter++;
    }

    String initializer(String prefix, float[] values, long[] dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        String name = name(prefix);
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(raw.array()));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    String longs(String prefix, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        String name = name(prefix);
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name).addDims(values.length)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).setRawData(ByteString.copyFrom(raw.array())));
        return name;
    }

    String scalar(String prefix, float value) {
        return initializer(prefix, new float[] {value}, new long[0]);
    }

    /** Adds a node; returns its (single) output name. */
    String node(String op, List<String> inputs, List<OnnxMl.AttributeProto> attributes) {
        String output = name(op.toLowerCase(java.util.Locale.ROOT));
        graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(attributes));
        return output;
    }

    String node(String op, String... inputs) {
        return node(op, List.of(inputs), List.of());
    }

    static OnnxMl.AttributeProto ints(String name, long... values) {
        OnnxMl.AttributeProto.Builder attribute = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    static OnnxMl.AttributeProto integer(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    void input(String name, OnnxMl.TensorProto.DataType type, long[] shape) {
        graph.addInput(valueInfo(name, type, shape));
    }

    /** Renames the last value to the graph output {@code name} through an Identity node. */
    void output(String value, String name, OnnxMl.TensorProto.DataType type, long[] shape) {
        graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName(name).addInput(value).addOutput(name));
        graph.addOutput(valueInfo(name, type, shape));
    }

    byte[] toModelBytes(String producerVersion, String docString) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("keel")
                .setProducerVersion(producerVersion)
                .setDocString(docString)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, long[] shape) {
        OnnxMl.TensorShapeProto.Builder dims = OnnxMl.TensorShapeProto.newBuilder();
        for (long dim : shape) {
            dims.addDim(dim < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(dims)))
                .build();
    }
}
