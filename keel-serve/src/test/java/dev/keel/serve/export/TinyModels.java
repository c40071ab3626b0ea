package dev.keel.serve.export;

import dev.keel.data.record.DType;
import dev.keel.data.record.Row;
import dev.keel.data.record.Tensor;
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

/** Trains tiny Keel models (one epoch on 8×8 synthetic images whose bright band is the class) for export tests. */
final class TinyModels {
    static final ArchitectureRegistry ARCHITECTURES = ArchitectureRegistry.load();
    static final String MLP = "architecture: mlp\nlayers: [{units: 16}, {units: 8, activation: tanh}]";
    static final String CNN = "architecture: cnn\nconv: [{channels: 4, kernel: 3, padding: 1}]\n"
            + "pool: {kind: max, size: 2}\ndense: [{units: 8, activation: gelu}]";
    static final String RESNET = "architecture: resnet\nstemChannels: 4\nstages: [{channels: 4, blocks: 1}, {channels: 8, blocks: 1}]";

    private TinyModels() {}

    /** Trains {@code model} (YAML of the spec's model block) and returns its model bundle. */
    static Path train(String model, Path workDirectory) {
        String spec = """
                name: tiny
                data:
                  dataset: synthetic@1
                  splits: {train: train, validation: validation, test: test}
                  input: image
                  label: label
                preprocessing:
                  normalization: {kind: scale, factor: 0.00392156862745098}
                  labels: {classes: 3}
                model:
                %s
                training:
                  epochs: 1
                  batchSize: 16
                """.formatted(model.indent(2).stripTrailing());
        Map<String, List<Row>> splits = new LinkedHashMap<>();
        splits.put("train", rows(60, 1));
        splits.put("validation", rows(15, 2));
        splits.put("test", rows(15, 3));
        return new Trainer(ARCHITECTURES).run(TrainingRequest.of(new TrainingSpecParser(ARCHITECTURES).parse(spec),
                new InMemoryTrainingData(splits), workDirectory, TrainingListener.NONE)).modelBundle();
    }

    static final String TEXT_MEAN = "architecture: text\nembeddingDim: 8\nencoder: mean\ndense: [{units: 4}]";
    static final String TEXT_CONV = "architecture: text\nembeddingDim: 8\nencoder: conv\nconvChannels: 4\nkernel: 3\n"
            + "dense: [{units: 4}]";

    /** Trains a tiny text classifier on short synthetic reviews whose adjectives give the sentiment. */
    static Path trainText(String model, Path workDirectory) {
        String spec = """
                name: tiny-text
                data:
                  dataset: synthetic@1
                  splits: {train: train, validation: validation}
                  input: text
                  label: sentiment
                preprocessing:
                  labels: {classes: [neg, pos]}
                  text: {lowercase: true, vocabularySize: 50, maxLength: 8}
                model:
                %s
                training:
                  epochs: 1
                  batchSize: 16
                """.formatted(model.indent(2).stripTrailing());
        Map<String, List<Row>> splits = new LinkedHashMap<>();
        splits.put("train", textRows(60, 1));
        splits.put("validation", textRows(20, 2));
        return new Trainer(ARCHITECTURES).run(TrainingRequest.of(new TrainingSpecParser(ARCHITECTURES).parse(spec),
                new InMemoryTrainingData(splits), workDirectory, TrainingListener.NONE)).modelBundle();
    }

    /** Reviews of 3 to 6 words (shorter than maxLength, so padding is exercised). */
    static List<Row> textRows(int count, long seed) {
        String[] good = {"great", "wonderful", "fine", "lovely", "superb"};
        String[] bad = {"awful", "terrible", "poor", "boring", "dreadful"};
        String[] filler = {"the", "film", "was", "plot", "acting", "unseenword"};
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean positive = i % 2 == 0;
            StringBuilder text = new StringBuilder();
            int words = 3 + random.nextInt(4);
            for (int w = 0; w < words; w++) {
                String[] pool = w % 2 == 0 ? filler : (positive ? good : bad);
                text.append(pool[random.nextInt(pool.length)]).append(' ');
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("text", text.toString().trim());
            values.put("sentiment", positive ? "pos" : "neg");
            rows.add(new Row(i, values));
        }
        return rows;
    }

    static List<Row> rows(int count, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = i % 3;
            byte[] pixels = new byte[64];
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    pixels[y * 8 + x] = (byte) ((y * 3 / 8 == label ? 160 : 0) + random.nextInt(60));
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("image", Tensor.wrap(DType.UINT8, new int[] {8, 8}, pixels));
            values.put("label", (long) label);
            rows.add(new Row(i, values));
        }
        return rows;
    }
}
