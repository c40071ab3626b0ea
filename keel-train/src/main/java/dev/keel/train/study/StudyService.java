package dev.keel.train.study;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.Project;
import dev.keel.train.job.Job;
import dev.keel.train.job.JobService;
import dev.keel.train.job.JobState;
import dev.keel.train.job.JobSubmission;
import dev.keel.train.spec.TrainingSpecParser;
import dev.keel.train.tracking.MetricPoint;
import dev.keel.train.tracking.TrackingService;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs studies: each round it records finished trials (their objective from the trial run's metrics), applies the
 * early-stopping policy to running trials, and submits new trials through the job queue while fewer than
 * {@code parallelism} run and the budget allows. All state is in the database, so a study continues after a
 * restart; the algorithms are deterministic, so it suggests the same trials it would have.
 */
public final class StudyService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StudyService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CURVE_POINTS = 100_000;

    private final StudyRepository studies;
    private final JobService jobs;
    private final TrackingService tracking;
    private final TrainingSpecParser specs;
    private final StudyDefinitionParser parser = new StudyDefinitionParser();
    private final Clock clock;
    private final Supplier<String> ids;
    private ScheduledFuture<?> ticking;

    public StudyService(StudyRepository studies, JobService jobs, TrackingService tracking, TrainingSpecParser specs,
            Clock clock, Supplier<String> ids) {
        this.studies = requireNonNull(studies, "studies is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.tracking = requireNonNull(tracking, "tracking is null");
        this.specs = requireNonNull(specs, "specs is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    public synchronized void start(ScheduledExecutorService scheduler) {
        ticking = scheduler.scheduleWithFixedDelay(this::tickSafely, 500, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * Validates the study (its own fields, then the base spec with the first suggested trial's parameters, so a
     * bad path or value fails now rather than in trial 1), stores it and submits the first trials.
     */
    public Study create(String text, String createdBy) {
        StudyDefinition definition = parser.parse(text);
        Optional<Map<String, JsonNode>> first = definition.algorithm().suggest(definition.space(), List.of(),
                definition.objective());
        if (first.isEmpty()) {
            throw KeelException.invalid("study: the algorithm suggests no trial at all");
        }
        specs.parse(SpecPaths.apply(definition.baseSpec(), first.get()));
        var now = clock.instant();
        Study study = new Study(ids.get(), Project.DEFAULT_ID, definition.name(), JobState.RUNNING, "starting trials",
                write(definition.definition()), definition.objective().metric(),
                definition.objective().direction().wireName(), definition.algorithmName(), definition.maxTrials(),
                definition.parallelism(), createdBy, now, now, null);
        studies.insert(study);
        advance(study);
        return studies.get(study.id());
    }

    public Study get(String id) {
        return studies.get(id);
    }

    public List<Study> list(int limit, int offset) {
        return studies.list(limit, offset);
    }

    public List<Trial> trials(String id) {
        studies.get(id);
        return studies.trials(id);
    }

    /** The best finished trial (by objective and direction), if any trial finished with a value. */
    public Optional<Trial> best(String id) {
        Study study = studies.get(id);
        Objective objective = new Objective(study.objectiveMetric(),
                Objective.Direction.valueOf(study.direction().toUpperCase(java.util.Locale.ROOT)));
        Trial best = null;
        for (Trial trial : studies.trials(id)) {
            if (trial.state() == TrialState.SUCCEEDED && trial.objective() != null
                    && (best == null || objective.better(trial.objective(), best.objective()))) {
                best = trial;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Cancels a running study and every trial still queued or running. */
    public Study cancel(String id, String by) {
        Study study = studies.get(id);
        if (study.state().isTerminal()) {
            throw KeelException.invalid("study " + id + ": " + study.state().wireName() + " (expected: running to cancel)");
        }
        studies.finish(id, JobState.CANCELLED, "cancelled by " + by, clock.instant());
        for (Trial trial : studies.trials(id)) {
            if (!trial.state().isTerminal()) {
                Job job = jobs.get(trial.jobId());
                if (!job.state().isTerminal()) {
                    jobs.cancel(job.id(), by, "study cancelled by " + by);
                }
                studies.updateTrial(id, trial.index(), TrialState.CANCELLED, null);
            }
        }
        return studies.get(id);
    }

    public synchronized void tick() {
        for (Study study : studies.inState(JobState.RUNNING)) {
            advance(study);
        }
    }

    private synchronized void advance(Study study) {
        StudyDefinition definition = parser.parse(study.definitionJson());
        List<Trial> trials = refresh(study, definition);
        stopEarly(study, definition, trials);
        trials = studies.trials(study.id());
        long active = trials.stream().filter(t -> !t.state().isTerminal()).count();
        boolean exhausted = false;
        while (active < definition.parallelism() && trials.size() < definition.maxTrials()) {
            Optional<Map<String, JsonNode>> params = definition.algorithm().suggest(definition.space(), trials,
                    definition.objective());
            if (params.isEmpty()) {
                exhausted = true;
                break;
            }
            int index = trials.size();
            ObjectNode spec = SpecPaths.apply(definition.baseSpec(), params.get());
            Job job;
            try {
                job = jobs.submit(new JobSubmission(write(spec), definition.name(), definition.name() + "-trial-" + index,
                        study.id(), study.createdBy()));
            } catch (KeelException e) {
                studies.finish(study.id(), JobState.FAILED, "trial " + index + " could not be submitted: " + e.getMessage(),
                        clock.instant());
                return;
            }
            Trial trial = new Trial(index, params.get(), job.id(), TrialState.QUEUED, null);
            studies.insertTrial(study.id(), trial, clock.instant());
            trials = new ArrayList<>(trials);
            trials.add(trial);
            active++;
        }
        if (active == 0 && (exhausted || trials.size() >= definition.maxTrials())) {
            String reason = summary(study, trials);
            studies.finish(study.id(), JobState.SUCCEEDED, reason, clock.instant());
        } else {
            studies.updateReason(study.id(), active + " trial(s) active, " + trials.size() + " of "
                    + definition.maxTrials() + " started", clock.instant());
        }
    }

    /** Copies each unfinished trial's job state; a finished trial gets its objective from its run. */
    private List<Trial> refresh(Study study, StudyDefinition definition) {
        for (Trial trial : studies.trials(study.id())) {
            if (trial.state().isTerminal()) {
                continue;
            }
            Job job = jobs.get(trial.jobId());
            TrialState state = switch (job.state()) {
                case QUEUED -> TrialState.QUEUED;
                case RUNNING -> TrialState.RUNNING;
                case SUCCEEDED -> TrialState.SUCCEEDED;
                case FAILED -> TrialState.FAILED;
                case CANCELLED -> TrialState.CANCELLED;
            };
            Double objective = state.isTerminal() ? finalValue(job.runId(), definition.objective().metric()) : null;
            if (state != trial.state() || objective != null) {
                studies.updateTrial(study.id(), trial.index(), state, objective);
            }
        }
        return studies.trials(study.id());
    }

    private void stopEarly(Study study, StudyDefinition definition, List<Trial> trials) {
        if (definition.earlyStopping() == EarlyStoppingPolicy.NONE) {
            return;
        }
        List<EarlyStoppingPolicy.TrialCurve> curves = new ArrayList<>();
        for (Trial trial : trials) {
            if (trial.state() == TrialState.QUEUED) {
                continue;
            }
            String runId = jobs.get(trial.jobId()).runId();
            List<EarlyStoppingPolicy.Point> points = tracking.metricHistory(runId, definition.objective().metric(), 0,
                    MAX_CURVE_POINTS).stream().map(p -> new EarlyStoppingPolicy.Point(p.step(), p.value())).toList();
            curves.add(new EarlyStoppingPolicy.TrialCurve(trial.index(), points, trial.state().isTerminal()));
        }
        for (EarlyStoppingPolicy.TrialCurve curve : curves) {
            if (curve.finished()) {
                continue;
            }
            List<EarlyStoppingPolicy.TrialCurve> others = curves.stream().filter(c -> c != curve).toList();
            Optional<String> stop = definition.earlyStopping().shouldStop(curve, others, definition.objective());
            if (stop.isPresent()) {
                Trial trial = trials.stream().filter(t -> t.index() == curve.trialIndex()).findFirst().orElseThrow();
                Job job = jobs.get(trial.jobId());
                if (!job.state().isTerminal()) {
                    jobs.cancel(job.id(), "study " + study.id(), stop.get());
                }
                double last = curve.points().isEmpty() ? Double.NaN : curve.points().getLast().value();
                studies.updateTrial(study.id(), trial.index(), TrialState.STOPPED, Double.isFinite(last) ? last : null);
                log.info("study {}: trial {} {}", study.id(), trial.index(), stop.get());
            }
        }
    }

    private Double finalValue(String runId, String metric) {
        return tracking.getRun(runId).latestMetrics().stream().filter(point -> point.key().equals(metric))
                .map(MetricPoint::value).filter(Double::isFinite).findFirst().orElse(null);
    }

    private String summary(Study study, List<Trial> trials) {
        long succeeded = trials.stream().filter(t -> t.state() == TrialState.SUCCEEDED).count();
        return best(study.id()).map(t -> trials.size() + " trials (" + succeeded + " succeeded); best: trial " + t.index()
                        + " with " + study.objectiveMetric() + " " + t.objective())
                .orElse(trials.size() + " trials; none finished with " + study.objectiveMetric());
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("study round failed: {}", e.toString(), e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }
}
