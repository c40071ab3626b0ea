package dev.keel.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.cli.KeelCommand;
import dev.keel.client.jobs.Job;
import dev.keel.client.jobs.JobsClient;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Polls a job until it ends, drawing progress; then prints the outcome, the run and its final metrics. */
final class JobFollower {
    static final int JOB_FAILED = 1;

    private JobFollower() {}

    /** Returns the command's exit code: 0 when the job succeeded, 1 when it failed or was cancelled. */
    static int follow(KeelCommand root, Job submitted) {
        JobsClient jobs = new JobsClient(root.client());
        Job job = submitted;
        try (TrainingProgress progress = new TrainingProgress(System.err, TrainingProgress.terminal())) {
            while (!job.ended()) {
                progress.update(job);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                job = jobs.get(job.id());
            }
            progress.update(job);
        }
        PrintWriter out = root.out();
        out.println("job " + job.id() + " " + job.state() + ": " + job.reason());
        out.println("run " + job.runId());
        JsonNode run = root.client().get("/api/v1/runs/" + job.runId(), JsonNode.class);
        Map<String, String> metrics = new TreeMap<>();
        run.path("metrics").properties().forEach(e -> metrics.put(e.getKey(), value(e.getValue())));
        if (metrics.isEmpty()) {
            run.path("latestMetrics").forEach(m -> metrics.put(m.path("key").asText(), value(m.path("value"))));
        }
        metrics.forEach((key, value) -> out.println("  " + key + " = " + value));
        out.flush();
        return "succeeded".equals(job.state()) ? 0 : JOB_FAILED;
    }

    private static String value(JsonNode node) {
        JsonNode value = node.isObject() ? node.path("value") : node;
        return value.isNumber() ? String.format(Locale.ROOT, "%.6g", value.asDouble()) : value.asText();
    }
}
