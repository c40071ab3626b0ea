package dev.keel.bench.serve;

import ai.onnxruntime.OrtEnvironment;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.DType;
import dev.keel.data.record.Row;
import dev.keel.serve.deploy.ModelSource;
import dev.keel.serve.export.ExportResult;
import dev.keel.serve.export.ModelExport;
import dev.keel.serve.export.OnnxExporter;
import dev.keel.serve.export.ParityGate;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.OnnxRuntimeModel;
import dev.keel.serve.runtime.RuntimeOptions;
import dev.keel.serve.runtime.Tensor;
import dev.keel.serve.runtime.TensorSpec;
import dev.keel.train.data.InMemoryTrainingData;
import dev.keel.train.loop.Trainer;
import dev.keel.train.loop.TrainingListener;
import dev.keel.train.loop.TrainingRequest;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.TrainingSpecParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The served models, made the way a user's are: trained by Keel's trainer (one short epoch on seeded 28×28
 * images), exported to ONNX by Keel's exporter through the parity gate, and run by ONNX Runtime with one intra-op
 * thread, as the model server runs them. "mlp" is 784-256-10 (tens of microseconds a row); "resnet" is a small
 * ResNet (stem 112, stages 112×2, 224×2, 448×2: about 10 ms a row on one core). "echo" computes nothing (a
 * zero [rows, 10] answer) and measures the serving path alone; "sleep" answers the same after 10 ms of sleep.
 */
final class TrainedOnnxModels implements ModelSource {
    static final String MLP = "architecture: mlp\nlayers: [{units: 256}]";
    static final String RESNET = "architecture: resnet\nstemChannels: 112\n"
            + "stages: [{channels: 112, blocks: 2}, {channels: 224, blocks: 2}, {channels: 448, blocks: 2}]";

    private final Map<String, ExportResult> exports = new LinkedHashMap<>();

    /** Trains and exports both networks under {@code workDirectory}; prints what the parity gate measured. */
    static TrainedOnnxModels train(Path workDirectory) {
        TrainedOnnxModels models = new TrainedOnnxModels();
        ArchitectureRegistry architectures = ArchitectureRegistry.load();
        ModelExport export = new ModelExport(architectures, new OnnxExporter(),
                new ParityGate(OrtEnvironment.getEnvironment(), ParityGate.DEFAULT_TOLERANCE));
        for (Map.Entry<String, String> model : Map.of("mlp", MLP, "resnet", RESNET).entrySet()) {
            Path bundle = train(architectures, model.getValue(), workDirectory.resolve(model.getKey()));
            ExportResult result = export.export(bundle, images(64, 9));
            System.out.printf("[%s] trained by Keel, exported to ONNX (%d KiB), parity gate max deviation %.2e over %d rows%n",
                    model.getKey(), result.onnx().length >> 10, result.maxAbsoluteDeviation(), result.sampleRows());
            models.exports.put(model.getKey(), result);
        }
        return models;
    }

    private static Path train(ArchitectureRegistry architectures, String model, Path workDirectory) {
        String spec = """
                name: serving-benchmark
                data:
                  dataset: synthetic@1
                  splits: {train: train, validation: validation}
                  input: image
                  label: label
                preprocessing:
                  normalization: {kind: scale, factor: 0.00392156862745098}
                  labels: {classes: 10}
                model:
                %s
                training:
                  epochs: 1
                  batchSize: 16
                  seed: 7
                """.formatted(model.indent(2).stripTrailing());
        Map<String, List<Row>> splits = new LinkedHashMap<>();
        splits.put("train", images(64, 1));
        splits.put("validation", images(16, 2));
        return new Trainer(architectures).run(TrainingRequest.of(new TrainingSpecParser(architectures).parse(spec),
                new InMemoryTrainingData(splits), workDirectory, TrainingListener.NONE)).modelBundle();
    }

    /** 28×28 images whose bright horizontal band (one of ten) is the label, with noise. */
    private static List<Row> images(int count, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = i % 10;
            byte[] pixels = new byte[28 * 28];
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    pixels[y * 28 + x] = (byte) ((y * 10 / 28 == label ? 160 : 0) + random.nextInt(60));
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("image", dev.keel.data.record.Tensor.wrap(DType.UINT8, new int[] {28, 28}, pixels));
            values.put("label", (long) label);
            rows.add(new Row(i, values));
        }
        return rows;
    }

    /** One request's input for {@code model}: a row of the exported signature's shape, values in [0, 1). */
    Map<String, Tensor> input(String model, Random random) {
        TensorSpec spec = signature(model).inputs().getFirst();
        long[] shape = spec.shape().clone();
        shape[0] = 1;
        int size = 1;
        for (long dimension : shape) {
            size *= (int) dimension;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat();
        }
        return Map.of(spec.name(), Tensor.ofFloats(shape, values));
    }

    private ModelSignature signature(String model) {
        return exports.containsKey(model) ? exports.get(model).signature() : exports.get("mlp").signature();
    }

    @Override
    public String resolveVersion(String model, String reference) {
        if (!exports.containsKey(model) && !model.equals("echo") && !model.equals("sleep")) {
            throw KeelException.notFound("model " + model);
        }
        return "1";
    }

    @Override
    public ModelRuntime open(String model, String version) {
        if (model.equals("echo") || model.equals("sleep")) {
            return new Echo(signature("mlp"), model.equals("sleep") ? 10 : 0);
        }
        return OnnxRuntimeModel.open(OrtEnvironment.getEnvironment(), exports.get(model).onnx(), RuntimeOptions.defaults());
    }

    /**
     * The MLP's signature and no compute: what serving costs with the model taken away. With {@code sleepMillis}
     * it answers after sleeping, which takes as long as the ResNet and leaves the cores idle.
     */
    private record Echo(ModelSignature signature, int sleepMillis) implements ModelRuntime {
        @Override
        public ModelFormat format() {
            return ModelFormat.ONNX;
        }

        @Override
        public Map<String, Tensor> predict(Map<String, Tensor> inputs) {
            signature.validate(inputs);
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            TensorSpec output = signature.outputs().getFirst();
            long rows = inputs.values().iterator().next().batchSize();
            return Map.of(output.name(), Tensor.ofFloats(new long[] {rows, output.shape()[1]}, new float[(int) rows * (int) output.shape()[1]]));
        }

        @Override
        public void close() {}
    }
}
