package dev.keel.server.quickstart;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.client.KeelClient;
import dev.keel.client.jobs.JobsClient;
import dev.keel.client.pipelines.Pipeline;
import dev.keel.client.pipelines.PipelineRun;
import dev.keel.client.pipelines.PipelinesClient;
import dev.keel.core.dataset.DatasetVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step 6: applies the repository's retrain pipeline ({@code examples/retrain-fashion-mnist.yaml}, with the
 * quickstart's training spec inline instead of its spec file, since the server's working directory is not
 * necessarily the repository), commits the second dataset version, and follows the run the dataset trigger starts
 * until the promotion decision and the deployment are made.
 */
final class RetrainStep {
    private static final String PIPELINE = "/dev/keel/server/quickstart/retrain-fashion-mnist.yaml";
    private static final Duration TRIGGER_WAIT = Duration.ofMinutes(2);

    /** What the pipeline decided, and a line saying so; the caller ends the step. */
    record Outcome(boolean promoted, String reason, String servedVersion, String summary) {}

    private final KeelClient client;
    private final StepPrinter steps;
    private final ObjectMapper yaml;

    RetrainStep(KeelClient client, StepPrinter steps, ObjectMapper yaml) {
        this.client = requireNonNull(client, "client is null");
        this.steps = requireNonNull(steps, "steps is null");
        this.yaml = requireNonNull(yaml, "yaml is null");
    }

    Outcome run(QuickstartData.Versions data, ObjectNode trainingSpec, int epochs) throws InterruptedException {
        steps.begin("Commit new data: the retrain pipeline fires, trains, and promotes only if the model is better");
        PipelinesClient pipelines = new PipelinesClient(client);
        Pipeline pipeline = pipelines.apply(pipelineSpec(trainingSpec, epochs).toString());
        steps.detail("applied pipeline %s: %s; triggers: %s", pipeline.name(),
                String.join(" → ", pipeline.steps().stream().map(Pipeline.Step::name).toList()),
                String.join(", ", pipeline.triggers()));

        DatasetVersion second = client.datasets().commitFiles(Quickstart.DATASET, null, "new data: all "
                + data.allTrainCount() + " training images", List.of("new-data"), data.all(), List.of(), null, null,
                bytes -> { });
        steps.detail("committed %s v%d: %d training images (+%d)", Quickstart.DATASET, second.number(),
                data.allTrainCount(), data.allTrainCount() - data.firstTrainCount());

        PipelineRun run = awaitTriggeredRun(pipelines, pipeline.name());
        steps.detail("run %s started by the dataset trigger (%s v%s)", run.id(), run.trigger().get("dataset"),
                run.trigger().get("dataset_version"));
        run = follow(pipelines, run);
        if (!"succeeded".equals(run.state())) {
            throw new IllegalStateException("pipeline run " + run.id() + " " + run.state() + ": " + run.reason());
        }
        Map<String, String> promote = run.step("promote").outputs();
        Map<String, String> deploy = run.step("deploy").outputs();
        boolean promoted = Boolean.parseBoolean(promote.get("promoted"));
        String served = deploy.getOrDefault("version", "");
        String summary = (promoted ? "promoted " + Quickstart.MODEL + " v" + promote.get("candidate") + " to "
                + Quickstart.ALIAS + "; endpoint " + Quickstart.ENDPOINT + " now serves its ONNX export v" + served
                : "not promoted; " + Quickstart.ALIAS + " stays on v" + promote.get("previous")) + " ("
                + promote.get("reason") + ")";
        return new Outcome(promoted, promote.get("reason"), served, summary);
    }

    private ObjectNode pipelineSpec(ObjectNode trainingSpec, int epochs) {
        ObjectNode pipeline;
        try (InputStream in = RetrainStep.class.getResourceAsStream(PIPELINE)) {
            if (in == null) {
                throw new IllegalStateException("the retrain pipeline is missing from the jar: " + PIPELINE);
            }
            pipeline = (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((ObjectNode) pipeline.path("parameters")).put("epochs", epochs);
        for (JsonNode step : pipeline.path("steps")) {
            if ("train".equals(step.path("type").asText())) {
                ObjectNode params = (ObjectNode) step.path("params");
                params.remove("specFile");
                params.set("spec", trainingSpec);
            }
        }
        return pipeline;
    }

    private static PipelineRun awaitTriggeredRun(PipelinesClient pipelines, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TRIGGER_WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<PipelineRun> runs = pipelines.runs(Optional.of(name), 10);
            Optional<PipelineRun> triggered = runs.stream()
                    .filter(r -> "dataset".equals(r.trigger() == null ? null : r.trigger().get("kind"))).findFirst();
            if (triggered.isPresent()) {
                return triggered.get();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the dataset trigger of pipeline " + name + " did not start a run within "
                + TRIGGER_WAIT.toSeconds() + " s");
    }

    /** Polls the run, printing each step as it ends; while a training step runs, shows its job's progress bar. */
    private PipelineRun follow(PipelinesClient pipelines, PipelineRun started) throws InterruptedException {
        Set<String> reported = new HashSet<>();
        Set<String> followedJobs = new HashSet<>();
        PipelineRun run = pipelines.getRun(started.id());
        while (true) {
            for (PipelineRun.Step step : run.steps()) {
                if ("train".equals(step.type()) && "running".equals(step.state()) && step.externalRef() != null
                        && followedJobs.add(step.externalRef())) {
                    steps.detail("step %s: training job %s", step.name(), step.externalRef());
                    JobsClient jobs = new JobsClient(client);
                    Quickstart.follow(client, jobs.get(step.externalRef()));
                }
                if (isEnded(step.state()) && reported.add(step.name())) {
                    steps.detail("step %-8s %-9s %6.1f s  %s", step.name(), step.state(),
                            step.durationMs() == null ? 0.0 : step.durationMs() / 1000.0, summary(step));
                }
            }
            if (run.ended()) {
                return run;
            }
            Thread.sleep(250);
            run = pipelines.getRun(started.id());
        }
    }

    private static boolean isEnded(String state) {
        return !"pending".equals(state) && !"running".equals(state);
    }

    private static String summary(PipelineRun.Step step) {
        Map<String, String> out = step.outputs() == null ? Map.of() : step.outputs();
        return switch (step.type()) {
            case "train" -> "run " + out.getOrDefault("run_id", "?");
            case "evaluate" -> out.containsKey("value")
                    ? String.format(Locale.ROOT, "val_accuracy %.4f", Double.parseDouble(out.get("value")))
                    : "val_accuracy ?";
            case "register" -> Quickstart.MODEL + " v" + out.getOrDefault("version", "?");
            case "promote" -> "promoted=" + out.getOrDefault("promoted", "?");
            case "deploy" -> "deployed=" + out.getOrDefault("deployed", "?")
                    + (out.containsKey("version") ? ", serving v" + out.get("version") : "");
            default -> step.reason() == null ? "" : step.reason();
        };
    }
}
