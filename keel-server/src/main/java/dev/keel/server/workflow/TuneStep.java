package dev.keel.server.workflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.core.error.KeelException;
import dev.keel.train.job.JobService;
import dev.keel.train.job.JobState;
import dev.keel.train.study.Study;
import dev.keel.train.study.StudyService;
import dev.keel.train.study.Trial;
import dev.keel.workflow.engine.StepContext;
import dev.keel.workflow.engine.StepExecutor;
import dev.keel.workflow.engine.StepFailure;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code tune}: starts a hyperparameter study ({@code study}: inline definition, or {@code studyFile}) whose trials
 * run as jobs, waits for it, and outputs the best trial: {@code study_id}, {@code best_run_id},
 * {@code best_objective}. The study id is the step's external ref, so a crashed server's successor waits for it.
 */
final class TuneStep implements StepExecutor {
    private final StudyService studies;
    private final JobService jobs;

    TuneStep(StudyService studies, JobService jobs) {
        this.studies = requireNonNull(studies, "studies is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    static StepType type(StudyService studies, JobService jobs) {
        return StepType.of("tune", Set.of(), Set.of("study", "studyFile"), new TuneStep(studies, jobs));
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        Study study;
        if (context.externalRef().isPresent()) {
            study = studies.get(context.externalRef().get());
            context.log("re-attached to study " + study.id());
        } else {
            study = studies.create(definition(context), "pipeline:" + context.pipelineName());
            context.recordExternalRef(study.id());
            context.log("started study " + study.id());
        }
        try {
            while (!study.state().isTerminal()) {
                Thread.sleep(TrainStep.POLL);
                study = studies.get(study.id());
            }
        } catch (InterruptedException e) {
            if (!context.shuttingDown()) {
                try {
                    studies.cancel(study.id(), "pipeline:" + context.pipelineName());
                } catch (KeelException ended) {
                    // it ended in the meantime
                }
            }
            throw e;
        }
        if (study.state() != JobState.SUCCEEDED) {
            throw StepFailure.retryable("study " + study.id() + " " + study.state().wireName() + ": " + study.reason());
        }
        Trial best = studies.best(study.id()).orElseThrow(() -> StepFailure.permanent("study " + context
                .externalRef().orElse("") + " has no successful trial"));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("study_id", study.id());
        outputs.put("best_job_id", best.jobId());
        outputs.put("best_run_id", jobs.get(best.jobId()).runId());
        outputs.put("best_objective", String.valueOf(best.objective()));
        return StepResult.of(outputs);
    }

    private static String definition(StepContext context) throws Exception {
        JsonNode inline = context.params().get("study");
        if (inline != null && !inline.isNull()) {
            return inline.isTextual() ? inline.asText() : inline.toString();
        }
        String file = context.optionalText("studyFile").orElseThrow(() -> StepFailure.permanent(
                "params.study/studyFile: missing (expected: one of them)"));
        return Files.readString(Path.of(file));
    }
}
