package dev.keel.workflow.trigger;

import static java.util.Objects.requireNonNull;

import dev.keel.workflow.engine.Pipeline;
import dev.keel.workflow.engine.PipelineRepository;
import dev.keel.workflow.engine.PipelineService;
import dev.keel.workflow.spec.PipelineSpec;
import dev.keel.workflow.spec.PipelineSpecParser;
import dev.keel.workflow.spec.TriggerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires dataset and cron triggers. The dataset trigger polls the newest version of its dataset rather than taking a
 * callback from the commit path: polling sees commits made through any server sharing the database (and commits
 * made while no server ran), needs no hook in the dataset manager, and costs one indexed query per pipeline per
 * interval. Each trigger's progress (last version seen, last cron fire time) is stored; the run it starts is
 * inserted in the same transaction as a compare-and-set of that progress, so several servers polling the same
 * database start each run once. A trigger's starting point is taken when first seen (the version that exists
 * when a pipeline is applied does not fire it); a cron schedule missed while no server ran fires once.
 */
public final class TriggerPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TriggerPoller.class);
    private static final int MAX_CRON_CATCH_UP = 100_000;

    private final PipelineRepository pipelines;
    private final PipelineService service;
    private final PipelineSpecParser parser;
    private final DatasetVersions datasets;
    private final Clock clock;
    private ScheduledFuture<?> polling;

    public TriggerPoller(PipelineRepository pipelines, PipelineService service, PipelineSpecParser parser,
            DatasetVersions datasets, Clock clock) {
        this.pipelines = requireNonNull(pipelines, "pipelines is null");
        this.service = requireNonNull(service, "service is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.datasets = requireNonNull(datasets, "datasets is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
        if (polling == null) {
            polling = scheduler.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Checks every trigger of every pipeline once. */
    public synchronized void poll() {
        for (Pipeline pipeline : pipelines.list()) {
            PipelineSpec spec;
            try {
                spec = parser.parse(pipeline.specText());
            } catch (RuntimeException e) {
                continue; // a step type this server does not offer; another server may
            }
            for (TriggerSpec trigger : spec.triggers()) {
                try {
                    check(pipeline, trigger);
                } catch (RuntimeException e) {
                    log.warn("pipeline {}: trigger {} failed: {}", pipeline.name(), trigger.key(), e.toString());
                }
            }
        }
    }

    /**
     * Records where each trigger of a just-applied pipeline starts (the dataset's current version, now for cron),
     * so a commit made right after the apply fires it even before the next poll.
     */
    public void prime(Pipeline pipeline) {
        for (TriggerSpec trigger : parser.parse(pipeline.specText()).triggers()) {
            if (pipelines.triggerValue(pipeline.id(), trigger.key()).isEmpty()) {
                Instant now = clock.instant();
                String start = switch (trigger) {
                    case TriggerSpec.DatasetVersion dataset -> datasets.latest(dataset.dataset()).orElse(null);
                    case TriggerSpec.Cron cron -> now.toString();
                };
                pipelines.initTrigger(pipeline.id(), trigger.key(), start, now);
            }
        }
    }

    private void check(Pipeline pipeline, TriggerSpec trigger) {
        Instant now = clock.instant();
        Optional<Optional<String>> stored = pipelines.triggerValue(pipeline.id(), trigger.key());
        switch (trigger) {
            case TriggerSpec.DatasetVersion dataset -> {
                Optional<String> latest = datasets.latest(dataset.dataset());
                if (stored.isEmpty()) {
                    pipelines.initTrigger(pipeline.id(), trigger.key(), latest.orElse(null), now);
                    return;
                }
                String seen = stored.get().orElse(null);
                if (latest.isPresent() && !latest.get().equals(seen)) {
                    service.runTriggered(pipeline, trigger.key(), seen, latest.get(), Map.of("kind", "dataset",
                                    "dataset", dataset.dataset(), "dataset_version", latest.get()))
                            .ifPresent(run -> log.info("pipeline {}: dataset {} version {} started run {}",
                                    pipeline.name(), dataset.dataset(), latest.get(), run.id()));
                }
            }
            case TriggerSpec.Cron cron -> {
                if (stored.isEmpty() || stored.get().isEmpty()) {
                    pipelines.initTrigger(pipeline.id(), trigger.key(), now.toString(), now);
                    return;
                }
                String seen = stored.get().get();
                ZonedDateTime last = Instant.parse(seen).atZone(ZoneOffset.UTC);
                Optional<ZonedDateTime> due = latestDue(cron, last, now);
                due.ifPresent(fire -> service.runTriggered(pipeline, trigger.key(), seen, fire.toInstant().toString(),
                                Map.of("kind", "cron", "time", fire.toInstant().toString()))
                        .ifPresent(run -> log.info("pipeline {}: cron {} started run {}", pipeline.name(),
                                cron.schedule(), run.id())));
            }
        }
    }

    /** The latest fire time after {@code last} that is not after {@code now}: missed fires collapse into one. */
    static Optional<ZonedDateTime> latestDue(TriggerSpec.Cron cron, ZonedDateTime last, Instant now) {
        Optional<ZonedDateTime> due = Optional.empty();
        Optional<ZonedDateTime> next = cron.schedule().next(last);
        for (int i = 0; i < MAX_CRON_CATCH_UP && next.isPresent() && !next.get().toInstant().isAfter(now); i++) {
            due = next;
            next = cron.schedule().next(next.get());
        }
        return due;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("trigger round failed: {}", e.toString(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
    }
}
