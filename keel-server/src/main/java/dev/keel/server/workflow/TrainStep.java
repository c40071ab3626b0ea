package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.train.job.Job;
import dev.keel.train.job.JobService;
import dev.keel.train.job.JobState;
import dev.keel.train.job.JobSubmission;
import dev.keel.workflow.engine.StepContext;
import dev.keel.workflow.engine.StepExecutor;
import dev.keel.workflow.engine.StepFailure;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code train}: submits a training job to the job queue (the worker runs out of process, on the job executors) and
 * waits for it. The spec comes from {@code specFile} (a path on the server, relative to its working directory) or
 * {@code spec} (inline YAML text or object), with overrides: {@code dataset} (a reference such as
 * {@code fashion-mnist@3}), {@code epochs}, and any {@code overrides} object deep-merged into the spec. The job id is
 * recorded as the step's external ref, so after a server crash the next attempt waits for the same job.
 */
final class TrainStep implements StepExecutor {
    static final Duration POLL = Duration.ofMillis(250);

    private final JobService jobs;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    TrainStep(JobService jobs) {
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    static StepType type(JobService jobs) {
        return StepType.of("train", Set.of(), Set.of("spec", "specFile", "dataset", "epochs", "overrides", "experiment",
                "runName"), new TrainStep(jobs));
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        Optional<Job> attached = context.externalRef().flatMap(this::reattachable);
        Job job;
        if (attached.isPresent()) {
            job = attached.get();
            context.log("re-attached to job " + job.id() + " (" + job.state().wireName() + ")");
        } else {
            String spec = specText(context);
            job = jobs.submit(new JobSubmission(spec, context.optionalText("experiment").orElse(null),
                    context.optionalText("runName").orElse(null), null, "pipeline:" + context.pipelineName()));
            context.recordExternalRef(job.id());
            context.log("submitted job " + job.id() + " (run " + job.runId() + ", dataset " + job.datasetName() + "@"
                    + job.datasetVersion() + ")");
        }
        Job ended = await(jobs, job.id(), context);
        if (ended.state() != JobState.SUCCEEDED) {
            throw StepFailure.retryable("job " + ended.id() + " " + ended.state().wireName() + ": " + ended.reason());
        }
        return StepResult.of(Map.of("job_id", ended.id(), "run_id", ended.runId(), "dataset",
                ended.datasetName() + "@" + ended.datasetVersion(), "experiment", ended.experiment()));
    }

    /** The earlier attempt's job when it still runs or succeeded; a failed one is trained again. */
    private Optional<Job> reattachable(String jobId) {
        try {
            Job job = jobs.get(jobId);
            return job.state() == JobState.FAILED || job.state() == JobState.CANCELLED ? Optional.empty()
                    : Optional.of(job);
        } catch (KeelException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Waits for the job to end; an interrupt (cancel, timeout) cancels it unless the server is shutting down. */
    static Job await(JobService jobs, String jobId, StepContext context) throws InterruptedException {
        JobState last = null;
        try {
            while (true) {
                Job job = jobs.get(jobId);
                if (job.state() != last) {
                    context.log("job " + jobId + ": " + job.state().wireName() + " (" + job.reason() + ")");
                    last = job.state();
                }
                if (job.state().isTerminal()) {
                    return job;
                }
                Thread.sleep(POLL);
            }
        } catch (InterruptedException e) {
            if (!context.shuttingDown()) {
                try {
                    jobs.cancel(jobId, "pipeline:" + context.pipelineName(), "pipeline step stopped (cancel or timeout)");
                } catch (KeelException ended) {
                    // it ended in the meantime
                }
            }
            throw e;
        }
    }

    private String specText(StepContext context) throws IOException {
        JsonNode params = context.params();
        ObjectNode spec;
        if (params.hasNonNull("spec")) {
            JsonNode inline = params.get("spec");
            JsonNode parsed = inline.isTextual() ? yaml.readTree(inline.asText()) : inline;
            if (!(parsed instanceof ObjectNode object)) {
                throw StepFailure.permanent("params.spec: " + inline + " (expected: a training spec object)");
            }
            spec = object;
        } else if (params.hasNonNull("specFile")) {
            Path file = Path.of(params.get("specFile").asText());
            if (!Files.isRegularFile(file)) {
                throw StepFailure.permanent("params.specFile: " + file.toAbsolutePath()
                        + " (expected: a readable training spec file on the server)");
            }
            JsonNode parsed = yaml.readTree(Files.readString(file));
            if (!(parsed instanceof ObjectNode object)) {
                throw StepFailure.permanent("params.specFile: " + file + " (expected: a training spec object)");
            }
            spec = object;
        } else {
            throw StepFailure.permanent("params.spec/specFile: missing (expected: one of them)");
        }
        if (params.hasNonNull("overrides")) {
            merge(spec, params.get("overrides"));
        }
        if (params.hasNonNull("dataset")) {
            spec.with("data").put("dataset", params.get("dataset").asText());
        }
        if (params.hasNonNull("epochs")) {
            String epochs = params.get("epochs").asText();
            if (!epochs.matches("[1-9][0-9]{0,5}")) {
                throw StepFailure.permanent("params.epochs: " + epochs + " (expected: an integer >= 1)");
            }
            spec.with("training").put("epochs", Integer.parseInt(epochs));
        }
        return yaml.writeValueAsString(spec);
    }

    private static void merge(ObjectNode target, JsonNode overrides) {
        if (!overrides.isObject()) {
            throw StepFailure.permanent("params.overrides: " + overrides + " (expected: an object merged into the spec)");
        }
        overrides.fields().forEachRemaining(field -> {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }
}
