package dev.keel.train.loop;

import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.TrainingSpec;
import dev.keel.train.spec.TrainingSpecParser;

/** Small specs for the synthetic data, as YAML, so tests read like what users write. */
final class Specs {
    static final ArchitectureRegistry ARCHITECTURES = ArchitectureRegistry.load();

    private Specs() {}

    static TrainingSpec parse(String yaml) {
        return new TrainingSpecParser(ARCHITECTURES).parse(yaml);
    }

    /** An 8×8 image spec with {@code model} and {@code training} YAML blocks (indented by two). */
    static TrainingSpec images(String model, String training) {
        return parse("""
                name: synthetic
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
                %s
                evaluation:
                  metrics: [loss, accuracy, f1, confusion]
                """.formatted(model.stripIndent().indent(2).stripTrailing(), training.stripIndent().indent(2).stripTrailing()));
    }

    static TrainingSpec mlp(String training) {
        return images("  architecture: mlp\n  layers: [{units: 16}]", training);
    }
}
