package dev.keel.train.loop;

import static java.util.Objects.requireNonNull;

import dev.keel.train.data.TrainingData;
import dev.keel.train.spec.TrainingSpec;
import java.nio.file.Path;

/**
 * One run to do: the spec, its data, a folder for the checkpoint and the model bundle, an optional checkpoint
 * to resume from (same spec), the listener, and how checkpoints are written ({@link CheckpointFile.Sink#FILES}).
 */
public record TrainingRequest(TrainingSpec spec, TrainingData data, Path workDirectory, Path resumeFrom,
                              TrainingListener listener, CheckpointFile.Sink checkpointSink) {
    public TrainingRequest {
        requireNonNull(spec, "spec is null");
        requireNonNull(data, "data is null");
        requireNonNull(workDirectory, "workDirectory is null");
        listener = listener == null ? TrainingListener.NONE : listener;
        checkpointSink = checkpointSink == null ? CheckpointFile.Sink.FILES : checkpointSink;
    }

    public static TrainingRequest of(TrainingSpec spec, TrainingData data, Path workDirectory, TrainingListener listener) {
        return new TrainingRequest(spec, data, workDirectory, null, listener, null);
    }

    /** The same run, continued from {@code checkpoint}. */
    public TrainingRequest resumingFrom(Path checkpoint) {
        return new TrainingRequest(spec, data, workDirectory, checkpoint, listener, checkpointSink);
    }

    public TrainingRequest withListener(TrainingListener other) {
        return new TrainingRequest(spec, data, workDirectory, resumeFrom, other, checkpointSink);
    }

    public TrainingRequest withCheckpointSink(CheckpointFile.Sink sink) {
        return new TrainingRequest(spec, data, workDirectory, resumeFrom, listener, sink);
    }
}
