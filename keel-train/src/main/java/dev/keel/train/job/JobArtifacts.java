package dev.keel.train.job;

/**
 * Where a job's worker puts things in its run: checkpoints under {@code checkpoints/}, the tag naming the latest
 * complete one (set only after its upload finished, so a resume never reads a half-uploaded checkpoint), the
 * model bundle and the trained weights' hash.
 */
public final class JobArtifacts {
    public static final String CHECKPOINT_TAG = "keel.checkpoint";
    public static final String WEIGHTS_HASH_TAG = "keel.weightsHash";
    public static final String JOB_TAG = "keel.job";
    public static final String STUDY_TAG = "keel.study";
    public static final String MODEL_PATH = "model/model.keel";

    private JobArtifacts() {}

    public static String checkpointPath(long step) {
        return String.format("checkpoints/step-%010d.zip", step);
    }
}
