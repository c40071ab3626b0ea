package dev.keel.train.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a parsed spec back in the input format with every default filled in ({@link #toJson}); the parser
 * reads it back to an equal spec. {@link #canonical} is that tree with keys sorted and no whitespace: the text
 * {@link TrainingSpec#specHash()} hashes.
 */
public final class SpecJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecJson() {}

    public static ObjectNode toJson(TrainingSpec spec) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", spec.name());
        DataSpec data = spec.data();
        ObjectNode dataNode = root.putObject("data");
        dataNode.put("dataset", data.dataset().toString());
        ObjectNode splits = dataNode.putObject("splits");
        splits.put("train", data.trainSplit());
        if (data.validationSplit() != null) {
            splits.put("validation", data.validationSplit());
        }
        if (data.testSplit() != null) {
            splits.put("test", data.testSplit());
        }
        ArrayNode inputs = dataNode.putArray("input");
        data.inputs().forEach(inputs::add);
        dataNode.put("label", data.label());
        dataNode.put("shuffleBuffer", data.shuffleBuffer());

        PreprocessingSpec preprocessing = spec.preprocessing();
        ObjectNode pre = root.putObject("preprocessing");
        NormalizationSpec normalization = preprocessing.normalization();
        pre.putObject("normalization").put("kind", normalization.kind()).put("factor", normalization.factor())
                .put("mean", normalization.mean()).put("std", normalization.std());
        ObjectNode labels = pre.putObject("labels").put("mapping", preprocessing.labels().mapping());
        ArrayNode classes = labels.putArray("classes");
        preprocessing.labels().classes().forEach(classes::add);
        if (preprocessing.text() != null) {
            TextSpec text = preprocessing.text();
            pre.putObject("text").put("lowercase", text.lowercase()).put("vocabularySize", text.vocabularySize())
                    .put("maxLength", text.maxLength());
        }

        ObjectNode model = root.putObject("model");
        model.put("architecture", spec.model().architecture());
        model.setAll(spec.model().options().deepCopy());

        TrainingOptions training = spec.training();
        ObjectNode train = root.putObject("training");
        train.put("loss", training.loss());
        OptimizerSpec optimizer = training.optimizer();
        train.putObject("optimizer").put("kind", optimizer.kind()).put("learningRate", optimizer.learningRate())
                .put("momentum", optimizer.momentum()).put("weightDecay", optimizer.weightDecay())
                .put("beta1", optimizer.beta1()).put("beta2", optimizer.beta2()).put("epsilon", optimizer.epsilon());
        ScheduleSpec schedule = training.schedule();
        train.putObject("schedule").put("kind", schedule.kind()).put("warmupSteps", schedule.warmupSteps())
                .put("stepSize", schedule.stepSize()).put("gamma", schedule.gamma())
                .put("minLearningRate", schedule.minLearningRate());
        train.put("batchSize", training.batchSize());
        train.put("epochs", training.epochs());
        if (training.earlyStopping() != null) {
            EarlyStoppingSpec stopping = training.earlyStopping();
            train.putObject("earlyStopping").put("metric", stopping.metric()).put("patience", stopping.patience())
                    .put("mode", stopping.mode()).put("minDelta", stopping.minDelta());
        }
        train.put("gradientClipping", training.gradientClipping());
        train.put("seed", training.seed());
        train.putObject("checkpoint").put("everyEpochs", training.checkpoint().everyEpochs())
                .put("everySteps", training.checkpoint().everySteps());
        train.put("divergenceThreshold", training.divergenceThreshold());

        ArrayNode metrics = root.putObject("evaluation").putArray("metrics");
        spec.metrics().forEach(metrics::add);
        root.putObject("engine").put("threads", spec.threads());
        return root;
    }

    /** Compact JSON with object keys sorted at every level. */
    public static String canonical(TrainingSpec spec) {
        return sorted(toJson(spec)).toString();
    }

    static String hash(TrainingSpec spec) {
        return Sha256.of(canonical(spec).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
            entries.sort(Map.Entry.comparingByKey());
            entries.forEach(entry -> copy.set(entry.getKey(), sorted(entry.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

}
