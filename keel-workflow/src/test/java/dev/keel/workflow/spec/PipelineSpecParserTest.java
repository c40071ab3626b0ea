package dev.keel.workflow.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineSpecParserTest {
    static final List<StepSignature> TYPES = List.of(
            new StepSignature("train", Set.of(), Set.of("spec", "specFile", "dataset", "epochs")),
            new StepSignature("evaluate", Set.of("run"), Set.of("metric")),
            new StepSignature("register", Set.of("run", "model"), Set.of()),
            new StepSignature("promote", Set.of("model", "version", "alias", "metric"), Set.of("margin")));

    private final PipelineSpecParser parser = new PipelineSpecParser(TYPES);

    @Test
    void parsesTheGoldenPipelineWithImplicitDependenciesFromReferences() throws IOException {
        PipelineSpec spec = parser.parse(golden());

        assertThat(spec.name()).isEqualTo("retrain");
        assertThat(spec.parameters()).containsEntry("epochs", "1").containsEntry("dataset_version", null);
        assertThat(spec.triggers()).containsExactly(new TriggerSpec.DatasetVersion("points"));
        assertThat(spec.step("evaluate").orElseThrow().needs()).containsExactly("train");
        assertThat(spec.step("promote").orElseThrow().needs()).containsExactly("register");
        assertThat(spec.step("register").orElseThrow().needs()).containsExactlyInAnyOrder("evaluate", "train");
        StepSpec train = spec.step("train").orElseThrow();
        assertThat(train.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(train.maxAttempts()).isEqualTo(3);
        assertThat(train.backoffBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(train.backoffBefore(3)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void reportsEveryProblemAtOnceWithItsPath() {
        String text = """
                name: Bad Name
                triggers: [{cron: "61 * * * *"}, {datset: x}]
                steps:
                  - {name: a, type: trian, params: {}}
                  - {name: b, type: evaluate, params: {metric: "${steps.ghost.outputs.run_id}"}}
                  - {name: c, type: register, params: {run: "${params.nope}"}, retries: -1, timeout: soon}
                """;

        assertThatThrownBy(() -> parser.parse(text)).isInstanceOfSatisfying(KeelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.details()).anyMatch(d -> d.startsWith("name: Bad Name"))
                    .anyMatch(d -> d.startsWith("triggers[0].cron: minute 61"))
                    .anyMatch(d -> d.startsWith("triggers[1]: datset") && d.contains("did you mean dataset?"))
                    .anyMatch(d -> d.startsWith("steps[0].type: trian") && d.contains("did you mean train?"))
                    .anyMatch(d -> d.startsWith("steps[1].params.run: missing"))
                    .anyMatch(d -> d.startsWith("steps[1].params.metric: ${steps.ghost.outputs.run_id}"))
                    .anyMatch(d -> d.startsWith("steps[2].params.model: missing"))
                    .anyMatch(d -> d.startsWith("steps[2].params.run: ${params.nope}"))
                    .anyMatch(d -> d.startsWith("steps[2].retries: -1"))
                    .anyMatch(d -> d.startsWith("steps[2].timeout: soon"));
            assertThat(e.details()).hasSize(10);
        });
    }

    @Test
    void namesTheCycle() {
        String text = """
                name: loop
                steps:
                  - {name: a, type: evaluate, params: {run: "${steps.c.outputs.x}"}}
                  - {name: b, type: evaluate, params: {run: "${steps.a.outputs.x}"}}
                  - {name: c, type: evaluate, needs: [b], params: {run: r}}
                """;

        assertThatThrownBy(() -> parser.parse(text)).isInstanceOfSatisfying(KeelException.class,
                e -> assertThat(e.details()).singleElement().asString().startsWith("steps: cycle a -> c -> b -> a"));
    }

    @Test
    void rejectsUnknownParamsAndKeysWithSuggestions() {
        String text = """
                name: p
                stepz: []
                steps:
                  - {name: a, type: evaluate, param: {}, params: {run: r, metrc: x}}
                """;

        assertThatThrownBy(() -> parser.parse(text)).isInstanceOfSatisfying(KeelException.class,
                e -> assertThat(e.details()).anyMatch(d -> d.startsWith("stepz: unknown key") && d.contains("steps?"))
                        .anyMatch(d -> d.startsWith("steps[0].param: unknown key") && d.contains("params?"))
                        .anyMatch(d -> d.startsWith("steps[0].params.metrc: unknown param") && d.contains("metric?")));
    }

    @Test
    void rejectsUnreadableYaml() {
        assertThatThrownBy(() -> parser.parse("name: [unclosed")).isInstanceOfSatisfying(KeelException.class,
                e -> assertThat(e.details()).singleElement().asString().startsWith("pipeline: unreadable YAML/JSON"));
    }

    static String golden() throws IOException {
        try (InputStream in = PipelineSpecParserTest.class.getResourceAsStream("/pipelines/retrain-v1.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
