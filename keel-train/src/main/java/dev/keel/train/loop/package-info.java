/**
 * The training loop on DJL's PyTorch engine: {@link dev.keel.train.loop.Trainer} runs a spec over
 * {@link dev.keel.train.data.TrainingData}, reporting to a {@link dev.keel.train.loop.TrainingListener};
 * checkpoints ({@link dev.keel.train.loop.CheckpointFile}) resume a run exactly; the result is a
 * {@link dev.keel.train.loop.ModelBundle}. {@link dev.keel.train.loop.Provenance} records what produced a run.
 */
package dev.keel.train.loop;
