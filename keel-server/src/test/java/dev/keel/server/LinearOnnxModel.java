package dev.keel.server;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a real ONNX model {@code y = softmax(x · W)} for x of shape [N, inputs]: a tiny classifier to serve. */
final class LinearOnnxModel {
    private LinearOnnxModel() {}

    static Path write(Path file, float[][] weights) throws IOException {
        int inputs = weights.length;
        int classes = weights[0].length;
        ByteBuffer raw = ByteBuffer.allocate(inputs * classes * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : weights) {
            for (float w : row) {
                raw.putFloat(w);
            }
        }
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("linear")
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("W").addDims(inputs).addDims(classes)
                        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setRawData(ByteString.copyFrom(raw.array())))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("MatMul").setName("matmul").addInput("x")
                        .addInput("W").addOutput("logits"))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Softmax").setName("softmax").addInput("logits")
                        .addOutput("y").addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis")
                                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1)))
                .addInput(value("x", inputs))
                .addOutput(value("y", classes))
                .build();
        byte[] model = OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("keel-test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
        return Files.write(file, model);
    }

    private static OnnxMl.ValueInfoProto value(String name, int width) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width)))))
                .build();
    }
}
