package dev.keel.train.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.train.model.ArchitectureRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSpecParserTest {
    private final TrainingSpecParser parser = new TrainingSpecParser(ArchitectureRegistry.load());

    private static String resource(String name) throws IOException {
        try (InputStream in = TrainingSpecParserTest.class.getResourceAsStream("/specs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final String MINIMAL = """
            data: {dataset: "points@3", input: [x, y], label: label}
            preprocessing: {labels: {classes: 2}}
            model: {architecture: mlp}
            """;

    @Test
    void readsTheGoldenCnnSpec() throws IOException {
        TrainingSpec spec = parser.parse(resource("cnn-v1.yaml"));

        assertThat(spec.data().dataset()).isEqualTo(new DatasetReference("fashion-mnist", "latest", true));
        assertThat(spec.data().validationSplit()).isEqualTo("test");
        assertThat(spec.preprocessing().normalization()).isEqualTo(new NormalizationSpec("mean-std", 1, 72.94, 90.02));
        assertThat(spec.preprocessing().labels().classes()).hasSize(10).startsWith("t-shirt");
        assertThat(spec.model().architecture()).isEqualTo("cnn");
        assertThat(spec.model().options().get("conv").get(1).get("channels").asInt()).isEqualTo(64);
        assertThat(spec.training().optimizer()).isEqualTo(new OptimizerSpec("adamw", 0.001, 0, 0.0001, 0.9, 0.999, 1e-8));
        assertThat(spec.training().schedule().kind()).isEqualTo("cosine");
        assertThat(spec.training().earlyStopping()).isEqualTo(new EarlyStoppingSpec("val_accuracy", 2, "max", 0));
        assertThat(spec.metrics()).containsExactly("loss", "accuracy", "precision", "recall", "f1", "confusion");
        assertThat(spec.threads()).isEqualTo(1);
    }

    @Test
    void readsTheGoldenTextSpecWrittenAsJson() throws IOException {
        TrainingSpec spec = parser.parse(resource("text-v1.json"));

        assertThat(spec.data().dataset()).isEqualTo(new DatasetReference("imdb", "3", false));
        assertThat(spec.preprocessing().text()).isEqualTo(new TextSpec(true, 20_000, 200));
        assertThat(spec.preprocessing().labels().mapping()).isEqualTo("one-hot");
        assertThat(spec.model().options().get("encoder").asText()).isEqualTo("conv");
        assertThat(spec.training().checkpoint()).isEqualTo(new CheckpointSpec(0, 200));
        assertThat(spec.threads()).isEqualTo(2);
    }

    @Test
    void readsTheGoldenResnetSpec() throws IOException {
        TrainingSpec spec = parser.parse(resource("resnet-v1.yaml"));

        assertThat(spec.model().options().get("stages")).hasSize(3);
        assertThat(spec.data().trainSplit()).isEqualTo("train");
        assertThat(spec.data().validationSplit()).isNull();
    }

    @Test
    void goldenSpecHashesAreStable() throws IOException {
        // Pinned: a change to the canonical form (or to a default) changes every stored run's spec hash.
        assertThat(parser.parse(resource("cnn-v1.yaml")).specHash()).isEqualTo(CNN_HASH);
        assertThat(parser.parse(resource("text-v1.json")).specHash()).isEqualTo(TEXT_HASH);
    }

    static final String CNN_HASH = "f62db161aa100018a5fe4e4aa6201021f53650caae0cc967bd3088e86416c4bb";
    static final String TEXT_HASH = "4e0d517615581291a14c877469d6139bb75035c632b2d122299ecb8877a4ba71";

    @Test
    void theExamplesAtTheRepositoryRootAreValid() {
        Path examples = Path.of("..", "examples");
        assertThat(parser.parse(examples.resolve("fashion-mnist-cnn.yaml")).model().architecture()).isEqualTo("cnn");
        assertThat(parser.parse(examples.resolve("fashion-mnist-mlp.yaml")).model().options().get("layers")).hasSize(2);
        TrainingSpec imdb = parser.parse(examples.resolve("imdb-text.yaml"));
        assertThat(imdb.model().options().get("encoder").asText()).isEqualTo("conv");
        assertThat(imdb.preprocessing().text()).isEqualTo(new TextSpec(true, 20_000, 400));
    }

    @Test
    void specHashIgnoresKeyOrderFormattingAndSpelledOutDefaults() {
        TrainingSpec minimal = parser.parse(MINIMAL);
        TrainingSpec reordered = parser.parse("""
                {"model": {"architecture": "mlp", "layers": [{"units": 256}, {"units": 128}]},
                 "preprocessing": {"labels": {"classes": 2, "mapping": "ordinal"}},
                 "data": {"label": "label", "input": ["x", "y"], "dataset": "points@3"},
                 "training": {"seed": 42, "optimizer": {"kind": "adam"}}}
                """);

        assertThat(reordered.specHash()).isEqualTo(minimal.specHash()).hasSize(64);
        assertThat(parser.parse(MINIMAL.replace("mlp}", "mlp, dropout: 0.5}")).specHash()).isNotEqualTo(minimal.specHash());
    }

    @Test
    void aSpecWrittenBackReadsToAnEqualSpec() {
        TrainingSpec spec = parser.parse(MINIMAL);

        TrainingSpec again = parser.parse(SpecJson.toJson(spec));

        assertThat(again).isEqualTo(spec);
        assertThat(SpecJson.canonical(again)).isEqualTo(SpecJson.canonical(spec));
    }

    @Test
    void reportsEveryProblemAtOnceWithFieldPaths() {
        String bad = """
                data: {dataset: "no version", input: image}
                preprocessing: {labels: {classes: 1}, normalization: {kind: scale, factor: -2}}
                model:
                  architecture: mlp
                  layers: [{units: 64}, {units: 32}, {units: -4}]
                training:
                  batchSize: 0
                  optimizer: {kind: adam, learningRate: -0.1}
                  earlyStopping: {metric: val_acuracy}
                """;

        assertThatThrownBy(() -> parser.parse(bad))
                .isInstanceOfSatisfying(KeelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.details()).contains(
                            "data.dataset: no version (expected: name@version or name:tag)",
                            "data.label: missing (expected: the label field's name)",
                            "preprocessing.labels.classes: 1 (expected: >= 2)",
                            "preprocessing.normalization.factor: -2 (expected: > 0)",
                            "model.layers[2].units: -4 (expected: >= 1)",
                            "training.batchSize: 0 (expected: >= 1)",
                            "training.optimizer.learningRate: -0.1 (expected: > 0)",
                            "training.earlyStopping.metric: val_acuracy (expected: one of val_loss, val_accuracy,"
                                    + " val_precision, val_recall, val_f1)",
                            "data.splits.validation: missing (expected: a validation split when training.earlyStopping"
                                    + " is set)");
                    assertThat(e.getMessage()).startsWith("invalid training spec: 9 problems");
                });
    }

    @Test
    void unknownKeysAreErrorsWithADidYouMean() {
        String typo = MINIMAL + "training: {epocs: 3, optimizer: {kind: adam, learningrate: 0.1}}\n";

        assertThatThrownBy(() -> parser.parse(typo))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.details()).anySatisfy(detail ->
                        assertThat(detail).startsWith("training.epocs: unknown key").contains("did you mean epochs?"))
                        .anySatisfy(detail -> assertThat(detail).startsWith("training.optimizer.learningrate: unknown key")
                                .contains("did you mean learningRate?")));
    }

    @Test
    void anUnknownArchitectureSuggestsTheClosestKnownOne() {
        assertThatThrownBy(() -> parser.parse(MINIMAL.replace("architecture: mlp", "architecture: resnt")))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.details()).containsExactly(
                        "model.architecture: resnt (expected: one of mlp, cnn, resnet, text; did you mean resnet?)"));
    }

    @Test
    void theTextArchitectureNeedsTokenisationSettings() {
        assertThatThrownBy(() -> parser.parse(MINIMAL.replace("architecture: mlp", "architecture: text")))
                .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.details()).contains(
                        "preprocessing.text: missing (expected: tokenisation settings for the text architecture)"));
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        assertThatThrownBy(() -> parser.parse("data: {dataset: [unclosed\nmodel: x\n"))
                .isInstanceOf(KeelException.class)
                .hasMessageStartingWith("spec: not valid YAML or JSON");
    }

    @Test
    void parsesBothDatasetReferenceForms() {
        assertThat(DatasetReference.parse("mnist@v3")).contains(new DatasetReference("mnist", "v3", false));
        assertThat(DatasetReference.parse("mnist:production")).contains(new DatasetReference("mnist", "production", true));
        assertThat(List.of("mnist", "@3", "mnist@", "a@b:c")).allSatisfy(text ->
                assertThat(DatasetReference.parse(text)).isEmpty());
    }
}
