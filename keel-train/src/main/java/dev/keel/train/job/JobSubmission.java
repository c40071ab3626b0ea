package dev.keel.train.job;

import static java.util.Objects.requireNonNull;

/**
 * A request to train: the spec as YAML or JSON text, the experiment to track the run in (null: the spec's
 * name), an optional run name, the study the job is a trial of (null for none) and who submits it.
 */
public record JobSubmission(String specText, String experiment, String runName, String studyId, String submittedBy) {
    public JobSubmission {
        requireNonNull(specText, "specText is null");
        requireNonNull(submittedBy, "submittedBy is null");
    }

    public static JobSubmission of(String specText, String submittedBy) {
        return new JobSubmission(specText, null, null, null, submittedBy);
    }
}
