package dev.keel.train.spec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.core.config.Suggestions;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import dev.keel.train.model.ArchitectureProvider;
import dev.keel.train.model.ArchitectureRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a training spec from YAML or JSON and validates all of it at once: one {@code INVALID_ARGUMENT} whose
 * details list every problem by field path, unknown keys included (with a did-you-mean).
 */
public final class TrainingSpecParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> SPLIT_NAMES = List.of("train", "validation", "test");

    private final ArchitectureRegistry architectures;

    public TrainingSpecParser(ArchitectureRegistry architectures) {
        this.architectures = requireNonNull(architectures, "architectures is null");
    }

    public TrainingSpec parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec " + file, e);
        }
    }

    /** Parses YAML, or JSON (a YAML subset). */
    public TrainingSpec parse(String text) {
        requireNonNull(text, "text is null");
        JsonNode tree;
        try {
            tree = text.stripLeading().startsWith("{") ? JSON.readTree(text) : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new KeelException(ErrorCode.INVALID_ARGUMENT, "spec: not valid YAML or JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr(), List.of(e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            throw KeelException.invalid("spec: empty (expected: a YAML or JSON object)");
        }
        return parse(tree);
    }

    public TrainingSpec parse(JsonNode tree) {
        Problems problems = new Problems();
        SpecObject root = new SpecObject(tree, "", problems);
        String name = root.string("name", "unnamed");
        DataSpec data = readData(root.object("data"));
        PreprocessingSpec preprocessing = readPreprocessing(root.object("preprocessing"));
        ModelSpec model = readModel(root.object("model"));
        TrainingOptions training = readTraining(root.object("training"));
        SpecObject evaluation = root.object("evaluation");
        List<String> metrics = readMetrics(evaluation);
        evaluation.finish();
        SpecObject engine = root.object("engine");
        int threads = engine.integer("threads", 1, 1);
        engine.finish();
        root.finish();
        crossCheck(problems, data, preprocessing, training, model);
        problems.throwIfAny("training spec");
        return new TrainingSpec(name, data, preprocessing, model, training, metrics, threads);
    }

    private DataSpec readData(SpecObject data) {
        String reference = data.requiredString("dataset", "name@version or name:tag");
        DatasetReference dataset = null;
        if (reference != null) {
            Optional<DatasetReference> parsed = DatasetReference.parse(reference);
            if (parsed.isEmpty()) {
                data.problems().add(data.field("dataset"), reference, "name@version or name:tag");
            }
            dataset = parsed.orElse(null);
        }
        SpecObject splits = data.object("splits");
        String train = splits.string("train", "train");
        String validation = splits.string("validation", null);
        String test = splits.string("test", null);
        splits.finish();
        List<String> inputs = data.strings("input", List.of());
        if (inputs.isEmpty()) {
            data.problems().add(data.field("input"), "missing", "a field name or a list of numeric field names");
        }
        String label = data.requiredString("label", "the label field's name");
        int shuffleBuffer = data.integer("shuffleBuffer", 10_000, 1);
        data.finish();
        if (dataset == null || label == null || inputs.isEmpty()) {
            return placeholderData();
        }
        return new DataSpec(dataset, train, validation, test, inputs, label, shuffleBuffer);
    }

    private static DataSpec placeholderData() {
        return new DataSpec(new DatasetReference("?", "?", false), "train", null, null, List.of("?"), "?", 1);
    }

    private PreprocessingSpec readPreprocessing(SpecObject preprocessing) {
        SpecObject normalization = preprocessing.object("normalization");
        String kind = normalization.choice("kind", NormalizationSpec.NONE,
                List.of(NormalizationSpec.NONE, NormalizationSpec.SCALE, NormalizationSpec.MEAN_STD));
        double factor = normalization.number("factor", 1, 0, Double.MAX_VALUE, true);
        double mean = normalization.number("mean", 0, -Double.MAX_VALUE, Double.MAX_VALUE, false);
        double std = normalization.number("std", 1, 0, Double.MAX_VALUE, true);
        if (NormalizationSpec.MEAN_STD.equals(kind)) {
            preprocessing.problems().require(normalization.has("mean") && normalization.has("std"),
                    normalization.path(), "kind mean-std", "mean and std");
        }
        normalization.finish();

        SpecObject labels = preprocessing.object("labels");
        String mapping = labels.choice("mapping", LabelSpec.ORDINAL, List.of(LabelSpec.ORDINAL, LabelSpec.ONE_HOT));
        List<String> classes = readClasses(labels);
        labels.finish();

        TextSpec text = null;
        if (preprocessing.has("text")) {
            SpecObject tokens = preprocessing.object("text");
            text = new TextSpec(tokens.bool("lowercase", true), tokens.integer("vocabularySize", 20_000, 1),
                    tokens.integer("maxLength", 256, 1));
            tokens.finish();
        }
        preprocessing.finish();
        return new PreprocessingSpec(new NormalizationSpec(kind, factor, mean, std), new LabelSpec(mapping, classes), text);
    }

    /** {@code classes: 10} (labels 0..9) or {@code classes: [neg, pos]}. */
    private static List<String> readClasses(SpecObject labels) {
        JsonNode raw = labels.raw("classes");
        String field = labels.field("classes");
        if (raw.isMissingNode()) {
            labels.problems().add(field, "missing", "the number of classes (>= 2) or their names");
            return List.of("0", "1");
        }
        if (raw.isIntegralNumber()) {
            int count = labels.integer("classes", 2, 2);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add(Integer.toString(i));
            }
            return names;
        }
        List<String> names = labels.strings("classes", List.of("0", "1"));
        if (names.size() < 2 || names.stream().distinct().count() != names.size()) {
            labels.problems().add(field, names, "at least 2 distinct class names");
        }
        return names;
    }

    private ModelSpec readModel(SpecObject model) {
        String name = model.requiredString("architecture", "one of " + String.join(", ", architectures.names()));
        ObjectNode options = JSON.createObjectNode();
        if (name != null) {
            Optional<ArchitectureProvider> provider = architectures.find(name);
            if (provider.isEmpty()) {
                model.problems().add(model.field("architecture"), name, "one of " + String.join(", ", architectures.names())
                        + Suggestions.closest(name, architectures.names()).map(s -> "; did you mean " + s + "?").orElse(""));
                return new ModelSpec(name, options);
            }
            options = provider.get().readOptions(model);
        }
        model.finish();
        return new ModelSpec(name == null ? "?" : name, options);
    }

    private TrainingOptions readTraining(SpecObject training) {
        String loss = training.choice("loss", TrainingOptions.SOFTMAX_CROSS_ENTROPY,
                List.of(TrainingOptions.SOFTMAX_CROSS_ENTROPY));
        SpecObject optimizer = training.object("optimizer");
        String kind = optimizer.choice("kind", OptimizerSpec.ADAM,
                List.of(OptimizerSpec.SGD, OptimizerSpec.ADAM, OptimizerSpec.ADAMW));
        OptimizerSpec optimizerSpec = new OptimizerSpec(kind,
                optimizer.number("learningRate", OptimizerSpec.SGD.equals(kind) ? 0.01 : 0.001, 0, Double.MAX_VALUE, true),
                optimizer.number("momentum", OptimizerSpec.SGD.equals(kind) ? 0.9 : 0, 0, 1, false),
                optimizer.number("weightDecay", OptimizerSpec.ADAMW.equals(kind) ? 0.01 : 0, 0, Double.MAX_VALUE, false),
                optimizer.number("beta1", 0.9, 0, 1, false),
                optimizer.number("beta2", 0.999, 0, 1, false),
                optimizer.number("epsilon", 1e-8, 0, 1, true));
        optimizer.finish();

        SpecObject schedule = training.object("schedule");
        ScheduleSpec scheduleSpec = new ScheduleSpec(
                schedule.choice("kind", ScheduleSpec.CONSTANT, List.of(ScheduleSpec.CONSTANT, ScheduleSpec.STEP, ScheduleSpec.COSINE)),
                schedule.longValue("warmupSteps", 0, 0, Long.MAX_VALUE),
                schedule.longValue("stepSize", 1000, 1, Long.MAX_VALUE),
                schedule.number("gamma", 0.1, 0, 1, true),
                schedule.number("minLearningRate", 0, 0, Double.MAX_VALUE, false));
        schedule.finish();

        int batchSize = training.integer("batchSize", 32, 1);
        int epochs = training.integer("epochs", 1, 1);
        EarlyStoppingSpec earlyStopping = null;
        if (training.has("earlyStopping")) {
            SpecObject stopping = training.object("earlyStopping");
            String metric = stopping.string("metric", "val_loss");
            earlyStopping = new EarlyStoppingSpec(metric, stopping.integer("patience", 3, 1),
                    stopping.choice("mode", metric.endsWith("loss") ? "min" : "max", List.of("min", "max")),
                    stopping.number("minDelta", 0, 0, Double.MAX_VALUE, false));
            stopping.finish();
        }
        double clipping = training.number("gradientClipping", 0, 0, Double.MAX_VALUE, false);
        long seed = training.longValue("seed", 42, 0, Integer.MAX_VALUE);
        SpecObject checkpoint = training.object("checkpoint");
        CheckpointSpec checkpointSpec = new CheckpointSpec(checkpoint.integer("everyEpochs", 1, 0),
                checkpoint.longValue("everySteps", 0, 0, Long.MAX_VALUE));
        checkpoint.finish();
        double divergence = training.number("divergenceThreshold", 1e4, 0, Double.MAX_VALUE, true);
        training.finish();
        return new TrainingOptions(loss, optimizerSpec, scheduleSpec, batchSize, epochs, earlyStopping, clipping, seed,
                checkpointSpec, divergence);
    }

    private static List<String> readMetrics(SpecObject evaluation) {
        List<String> metrics = evaluation.strings("metrics", List.of("loss", "accuracy", "f1"));
        List<String> known = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            String metric = metrics.get(i);
            if (TrainingSpec.METRICS.contains(metric)) {
                known.add(metric);
            } else {
                evaluation.problems().add(evaluation.field("metrics") + "[" + i + "]", metric, "one of "
                        + String.join(", ", TrainingSpec.METRICS)
                        + Suggestions.closest(metric, TrainingSpec.METRICS).map(s -> "; did you mean " + s + "?").orElse(""));
            }
        }
        return known;
    }

    private static void crossCheck(Problems problems, DataSpec data, PreprocessingSpec preprocessing,
                                   TrainingOptions training, ModelSpec model) {
        EarlyStoppingSpec stopping = training.earlyStopping();
        if (stopping != null) {
            List<String> metrics = List.of("val_loss", "val_accuracy", "val_precision", "val_recall", "val_f1");
            if (!metrics.contains(stopping.metric())) {
                problems.add("training.earlyStopping.metric", stopping.metric(), "one of " + String.join(", ", metrics));
            }
            problems.require(data.validationSplit() != null, "data.splits.validation", "missing",
                    "a validation split when training.earlyStopping is set");
        }
        boolean textModel = "text".equals(model.architecture());
        problems.require(!textModel || preprocessing.text() != null, "preprocessing.text", "missing",
                "tokenisation settings for the text architecture");
        if (preprocessing.text() != null) {
            problems.require(data.inputs().size() == 1, "data.input", data.inputs(), "one text field when preprocessing.text is set");
        }
        for (String split : SPLIT_NAMES) {
            // Names are free-form, but a blank one is always a typo.
            String name = switch (split) {
                case "train" -> data.trainSplit();
                case "validation" -> data.validationSplit();
                default -> data.testSplit();
            };
            problems.require(name == null || !name.isBlank(), "data.splits." + split, "\"" + name + "\"", "a split name");
        }
    }
}
