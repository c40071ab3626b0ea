package dev.keel.server.job.worker;

import static java.util.Objects.requireNonNull;

import ai.djl.engine.Engine;
import dev.keel.core.error.KeelException;
import dev.keel.train.job.JobArtifacts;
import dev.keel.train.job.WorkerAssignment;
import dev.keel.train.loop.Provenance;
import dev.keel.train.loop.Trainer;
import dev.keel.train.loop.TrainingRequest;
import dev.keel.train.loop.TrainingResult;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.TrainingSpec;
import dev.keel.train.spec.TrainingSpecParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One job attempt in a worker process: assignment → data over HTTP → (checkpoint download when resuming) →
 * training with metrics streamed → model upload → outcome reported. Returns the process exit code: 0 when the
 * job succeeded, 1 when it failed (the reason was reported to the server when the server could be reached).
 */
final class JobWorker {
    private final WorkerApi api;
    private final Path workDirectory;
    private final Map<String, String> env;
    private final Clock clock;
    private final PrintStream out;

    JobWorker(WorkerApi api, Path workDirectory, Map<String, String> env, Clock clock, PrintStream out) {
        this.api = requireNonNull(api, "api is null");
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
        this.env = requireNonNull(env, "env is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.out = requireNonNull(out, "out is null");
    }

    int run() {
        WorkerAssignment assignment = api.assignment();
        out.printf("job %s attempt %d: run %s, dataset %s@%s%n", assignment.jobId(), assignment.attempt(),
                assignment.runId(), assignment.datasetName(), assignment.datasetVersion());
        WorkerListener listener = new WorkerListener(api, assignment.runId(), clock,
                WorkerListener.TestHooks.from(env, assignment.attempt()));
        try {
            api.report("running", null, null);
            ArchitectureRegistry architectures = ArchitectureRegistry.load();
            TrainingSpec spec = new TrainingSpecParser(architectures).parse(assignment.specText());
            Path attemptFolder = workDirectory.resolve("attempt-" + assignment.attempt());
            Files.createDirectories(attemptFolder);
            TrainingRequest request = TrainingRequest.of(spec, new HttpTrainingData(api, assignment.datasetName(),
                    assignment.datasetVersion()), attemptFolder, listener);
            if (assignment.resumeCheckpoint() != null) {
                Path checkpoint = attemptFolder.resolve("resume-from.zip");
                api.downloadArtifact(assignment.runId(), assignment.resumeCheckpoint(), checkpoint);
                out.println("resuming from " + assignment.resumeCheckpoint());
                request = request.resumingFrom(checkpoint);
            } else if (assignment.attempt() > 1) {
                out.println("no checkpoint was uploaded before; starting from the beginning");
            }
            TrainingResult result = new Trainer(architectures).run(request);
            listener.flush();
            api.log(assignment.runId(), List.of(), provenanceTags(spec));
            api.uploadArtifact(assignment.runId(), JobArtifacts.MODEL_PATH, result.modelBundle());
            api.log(assignment.runId(), List.of(), Map.of(JobArtifacts.WEIGHTS_HASH_TAG, result.weightsHash()));
            String reason = "trained " + result.epochs() + " epoch(s), " + result.steps() + " steps"
                    + (result.stoppedEarly() ? " (stopped early)" : "") + "; " + summary(result);
            // The log line first: once the job reads as ended, a follower (`keel jobs logs -f`) stops at the log's end.
            out.println("succeeded: " + reason + "; weights " + result.weightsHash());
            out.flush();
            api.report("succeeded", reason, listener.progress());
            return 0;
        } catch (KeelException | IOException | UncheckedIOException | IllegalStateException e) {
            String reason = e instanceof KeelException ? e.getMessage() : e.toString();
            out.println("failed: " + reason);
            e.printStackTrace(out);
            out.flush();
            try {
                api.report("failed", reason, listener.progress());
            } catch (RuntimeException reportFailure) {
                out.println("could not report the failure: " + reportFailure.getMessage());
            }
            return 1;
        } finally {
            listener.close();
        }
    }

    private static String summary(TrainingResult result) {
        Map<String, Double> metrics = new LinkedHashMap<>(result.finalMetrics());
        metrics.putAll(result.testMetrics());
        StringBuilder text = new StringBuilder();
        metrics.forEach((key, value) -> {
            if (!key.contains("confusion") && Double.isFinite(value)) {
                text.append(text.isEmpty() ? "" : ", ").append(key).append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", value));
            }
        });
        return text.toString();
    }

    /** The worker's own environment: it, not the server, ran the engine. */
    private static Map<String, String> provenanceTags(TrainingSpec spec) {
        Map<String, String> tags = new LinkedHashMap<>();
        Provenance.collect(Engine.getEngine("PyTorch"), spec.threads()).asMap()
                .forEach((key, value) -> tags.put("keel.provenance." + key, value));
        return tags;
    }
}
