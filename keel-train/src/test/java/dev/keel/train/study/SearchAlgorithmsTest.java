package dev.keel.train.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keel.core.error.KeelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Trial generation of grid and seeded random search, the median stopping rule, and study parsing. */
class SearchAlgorithmsTest {
    private static final Objective MAXIMIZE = new Objective("val_accuracy", Objective.Direction.MAXIMIZE);

    private static SearchSpace space() {
        Map<String, SearchDimension> dimensions = new LinkedHashMap<>();
        dimensions.put("training.optimizer.learningRate", new SearchDimension.LogUniform(0.001, 0.1));
        dimensions.put("model.layers[0].units", new SearchDimension.Choice(List.of(IntNode.valueOf(8), IntNode.valueOf(16))));
        dimensions.put("training.batchSize", new SearchDimension.IntRange(16, 48, 16));
        return new SearchSpace(dimensions);
    }

    private static List<Map<String, JsonNode>> run(SearchAlgorithm algorithm, SearchSpace space, int budget) {
        List<Trial> trials = new ArrayList<>();
        List<Map<String, JsonNode>> suggested = new ArrayList<>();
        for (int i = 0; i < budget; i++) {
            Optional<Map<String, JsonNode>> next = algorithm.suggest(space, trials, MAXIMIZE);
            if (next.isEmpty()) {
                break;
            }
            suggested.add(next.get());
            trials.add(new Trial(i, next.get(), "job-" + i, TrialState.SUCCEEDED, 0.5));
        }
        return suggested;
    }

    @Test
    void gridEnumeratesEveryCombinationOnceThenStops() {
        List<Map<String, JsonNode>> trials = run(new GridSearch(2), space(), 100);

        assertThat(trials).hasSize(2 * 2 * 3).doesNotHaveDuplicates();
        // Path order: model.layers[0].units, training.batchSize, training.optimizer.learningRate (fastest).
        assertThat(trials.get(0).toString()).isEqualTo(
                "{model.layers[0].units=8, training.batchSize=16, training.optimizer.learningRate=0.001}");
        assertThat(trials.get(1).get("training.optimizer.learningRate").asDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(trials.getLast().toString()).isEqualTo(
                "{model.layers[0].units=16, training.batchSize=48, training.optimizer.learningRate=0.1}");
    }

    @Test
    void randomSearchIsReproducibleForASeedAndStaysInRange() {
        List<Map<String, JsonNode>> first = run(new RandomSearch(7), space(), 20);
        List<Map<String, JsonNode>> again = run(new RandomSearch(7), space(), 20);
        List<Map<String, JsonNode>> other = run(new RandomSearch(8), space(), 20);

        assertThat(first).hasSize(20).isEqualTo(again).isNotEqualTo(other);
        assertThat(first).allSatisfy(params -> {
            assertThat(params.get("training.optimizer.learningRate").asDouble()).isBetween(0.001, 0.1);
            assertThat(params.get("training.batchSize").asLong()).isIn(16L, 32L, 48L);
            assertThat(params.get("model.layers[0].units").asInt()).isIn(8, 16);
        });
    }

    @Test
    void randomTrialDependsOnlyOnItsIndex() {
        SearchSpace space = space();
        Map<String, JsonNode> third = run(new RandomSearch(7), space, 3).get(2);
        List<Trial> twoFailed = List.of(new Trial(0, third, "a", TrialState.FAILED, null),
                new Trial(1, third, "b", TrialState.RUNNING, null));

        assertThat(new RandomSearch(7).suggest(space, twoFailed, MAXIMIZE)).contains(third);
    }

    @Test
    void medianRuleStopsATrialBehindTheOthersOnly() {
        MedianStopping rule = new MedianStopping(1, 2);
        var good = curve(0, 0.8, 0.9);
        var fine = curve(1, 0.7, 0.85);
        var poor = curve(2, 0.3, 0.4);

        assertThat(rule.shouldStop(poor, List.of(good, fine), MAXIMIZE)).get().asString().contains("worse than the median");
        assertThat(rule.shouldStop(fine, List.of(good, poor), MAXIMIZE)).isEmpty();
        assertThat(rule.shouldStop(poor, List.of(good), MAXIMIZE)).as("too few others").isEmpty();
    }

    private static EarlyStoppingPolicy.TrialCurve curve(int index, double... values) {
        List<EarlyStoppingPolicy.Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new EarlyStoppingPolicy.Point((i + 1) * 10L, values[i]));
        }
        return new EarlyStoppingPolicy.TrialCurve(index, points, false);
    }

    @Test
    void studyParserReportsEveryProblemAtOnce() {
        String study = """
                name: "bad name!"
                spec: {name: x}
                searchSpace:
                  training.optimizer.learningRate: {type: logUniform, low: 0, high: 0.1}
                  model.layers[0].units: {type: pick, values: [8]}
                algorithm: {type: bayes}
                maxTrials: 0
                objective: {metric: val_accuracy, direction: up}
                """;

        assertThatThrownBy(() -> new StudyDefinitionParser().parse(study)).isInstanceOf(KeelException.class)
                .satisfies(e -> assertThat(((KeelException) e).details()).hasSize(6).anySatisfy(d ->
                        assertThat(d).startsWith("searchSpace.training.optimizer.learningRate.low/high: 0.0/0.1"))
                        .anySatisfy(d -> assertThat(d).startsWith("algorithm.type: bayes"))
                        .anySatisfy(d -> assertThat(d).startsWith("objective.direction: up")));
    }

    @Test
    void trialParametersAreSetInTheBaseSpecByPath() throws Exception {
        ObjectNode base = (ObjectNode) new ObjectMapper().readTree(
                "{\"model\": {\"layers\": [{\"units\": 4}]}, \"training\": {\"epochs\": 1}}");

        ObjectNode spec = SpecPaths.apply(base, Map.of("model.layers[0].units", IntNode.valueOf(16),
                "training.optimizer.kind", TextNode.valueOf("sgd")));

        assertThat(spec.toString()).isEqualTo(
                "{\"model\":{\"layers\":[{\"units\":16}]},\"training\":{\"epochs\":1,\"optimizer\":{\"kind\":\"sgd\"}}}");
        assertThat(base.path("model").path("layers").get(0).path("units").asInt()).isEqualTo(4);
        assertThatThrownBy(() -> SpecPaths.apply(base, Map.of("model.layers[3].units", IntNode.valueOf(1))))
                .hasMessageContaining("searchSpace.model.layers[3].units");
    }
}
