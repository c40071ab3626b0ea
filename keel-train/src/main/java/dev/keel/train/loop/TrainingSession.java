package dev.keel.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.Row;
import dev.keel.train.data.BatchPrefetcher;
import dev.keel.train.data.EncodedBatch;
import dev.keel.train.data.ExampleEncoder;
import dev.keel.train.data.RecordStream;
import dev.keel.train.data.ShuffleBuffer;
import dev.keel.train.data.TrainingData;
import dev.keel.train.data.Vocabulary;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.DataSpec;
import dev.keel.train.spec.EarlyStoppingSpec;
import dev.keel.train.spec.LabelSpec;
import dev.keel.train.spec.TrainingOptions;
import dev.keel.train.spec.TrainingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

/** One run of {@link Trainer}: owns the engine arrays of the run and closes them. */
final class TrainingSession implements AutoCloseable {
    private static final int READ_BATCH = 512;
    private static final int PREFETCH_DEPTH = 4;

    private final TrainingRequest request;
    private final TrainingSpec spec;
    private final TrainingOptions options;
    private final DataSpec dataSpec;
    private final TrainingData data;
    private final TrainingListener listener;
    private final ArchitectureRegistry architectures;
    private final ThreadFactory threads;
    private final LongSupplier nanoTime;
    private final Engine engine;
    private final NDManager manager;
    private final int classes;
    private final BatchArrays.Staging staging = new BatchArrays.Staging();

    private ExampleEncoder encoder;
    private Vocabulary vocabulary;
    private Block block;
    private ParameterStore parameters;
    private ParameterOptimizer optimizer;
    private LearningRateSchedule schedule;
    private CheckpointFile checkpoints;

    // Run state, as stored in checkpoints.
    private int epoch = 1;
    private long batchesInEpoch;
    private long step;
    private double epochLossSum;
    private long epochSamples;
    private double bestMetric = Double.NaN;
    private int epochsWithoutImprovement;
    private final List<EpochMetrics> history = new ArrayList<>();

    TrainingSession(TrainingRequest request, ArchitectureRegistry architectures, ThreadFactory threads,
                    LongSupplier nanoTime) {
        this.request = request;
        this.spec = request.spec();
        this.options = spec.training();
        this.dataSpec = spec.data();
        this.data = request.data();
        this.listener = request.listener();
        this.architectures = architectures;
        this.threads = threads;
        this.nanoTime = nanoTime;
        this.engine = EngineSetup.pytorch(spec.threads());
        this.manager = engine.newBaseManager();
        this.classes = spec.preprocessing().labels().classCount();
    }

    TrainingResult run() {
        prepare();
        long stepsPerEpoch = Math.ceilDiv(data.rows(dataSpec.trainSplit()), options.batchSize());
        long totalSteps = stepsPerEpoch * options.epochs();
        schedule = new LearningRateSchedule(options.schedule(), options.optimizer().learningRate(), totalSteps);
        if (request.resumeFrom() != null) {
            restore(request.resumeFrom());
        }
        listener.onStart(new RunStart(spec.specHash(), stepsPerEpoch, totalSteps, parameterCount(), step,
                Arrays.stream(encoder.exampleShape()).boxed().toList()));
        boolean stoppedEarly = false;
        while (epoch <= options.epochs() && !stoppedEarly) {
            trainEpoch();
            stoppedEarly = endEpoch();
        }
        Map<String, Double> testMetrics = Map.of();
        ConfusionMatrix testConfusion = null;
        if (dataSpec.testSplit() != null) {
            Evaluator.Evaluation test = evaluator().evaluate(dataSpec.testSplit(), block, parameters, manager,
                    options.batchSize());
            testMetrics = test.metrics("test_");
            testConfusion = test.confusion();
        }
        String weightsHash = WeightsHash.of(block);
        Path bundle = ModelBundle.write(request.workDirectory().resolve(ModelBundle.FILE_NAME), spec,
                encoder.exampleShape(), vocabulary, block, weightsHash);
        TrainingResult result = new TrainingResult(spec.specHash(), Math.min(epoch - 1, options.epochs()), step,
                stoppedEarly, history, testMetrics, testConfusion, weightsHash, bundle);
        listener.onFinish(result);
        return result;
    }

    private void prepare() {
        String input = dataSpec.inputs().getFirst();
        if (spec.preprocessing().text() != null) {
            vocabulary = Vocabulary.build(spec.preprocessing().text(), data.open(dataSpec.trainSplit(), READ_BATCH), input);
        }
        Row first = firstRow();
        long[] example = ExampleEncoder.exampleShape(first, dataSpec.inputs(), vocabulary);
        encoder = new ExampleEncoder(dataSpec.inputs(), dataSpec.label(), spec.preprocessing().normalization(),
                spec.preprocessing().labels(), vocabulary, example);
        engine.setRandomSeed(seedFor(0));
        block = new ModelFactory(architectures).build(spec.model(), String.join(",", dataSpec.inputs()), example, classes,
                vocabulary == null ? 0 : vocabulary.size(), manager);
        parameters = new ParameterStore(manager, false);
        optimizer = new ParameterOptimizer(options.optimizer(), block.getParameters().values(), manager);
        checkpoints = new CheckpointFile(request.workDirectory(), request.checkpointSink());
    }

    private Row firstRow() {
        try (RecordStream stream = data.open(dataSpec.trainSplit(), 1)) {
            if (!stream.hasNext()) {
                throw KeelException.invalid("data.splits.train: " + dataSpec.trainSplit() + " has no rows (expected: >= 1)");
            }
            return stream.next().rows().getFirst();
        }
    }

    private void trainEpoch() {
        long skip = batchesInEpoch;
        Random shuffle = new Random(options.seed() * 1_000_003L + epoch);
        RecordStream stream = data.open(dataSpec.trainSplit(), READ_BATCH);
        ShuffleBuffer rows = new ShuffleBuffer(stream, dataSpec.shuffleBuffer(), shuffle);
        try (BatchPrefetcher batches = new BatchPrefetcher(rows, stream, encoder, options.batchSize(), PREFETCH_DEPTH,
                threads)) {
            long index = 0;
            long started = nanoTime.getAsLong();
            while (batches.hasNext()) {
                EncodedBatch batch = batches.next();
                index++;
                if (index <= skip) {
                    continue;
                }
                double lossValue = trainStep(batch);
                batchesInEpoch = index;
                epochLossSum += lossValue * batch.size();
                epochSamples += batch.size();
                long now = nanoTime.getAsLong();
                double seconds = Math.max(1e-9, (now - started) / 1e9);
                started = now;
                listener.onStep(new StepProgress(step, epoch, lossValue, schedule.at(step - 1), batch.size(),
                        batch.size() / seconds));
                if (options.checkpoint().everySteps() > 0 && step % options.checkpoint().everySteps() == 0) {
                    requireFiniteParameters();
                    checkpoint();
                }
            }
        }
    }

    private double trainStep(EncodedBatch batch) {
        double learningRate = schedule.at(step);
        step++;
        engine.setRandomSeed(seedFor(step));
        try (NDScope scope = new NDScope(); NDManager batchManager = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray inputs = staging.inputs(batch, batchManager);
            NDArray labels = BatchArrays.labels(batch, batchManager, oneHot(), classes);
            double value;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray logits = block.forward(parameters, new NDList(inputs), true).singletonOrThrow();
                NDArray lossArray = oneHot() ? CrossEntropy.ofDistributions(logits, labels)
                        : CrossEntropy.ofIndices(logits, labels);
                value = lossArray.getFloat();
                if (!Double.isFinite(value) || value > options.divergenceThreshold()) {
                    throw KeelException.invalid("loss diverged at step " + step + ": loss " + value + " (expected: finite"
                            + " and <= training.divergenceThreshold " + options.divergenceThreshold()
                            + "; lower training.optimizer.learningRate or set training.gradientClipping)");
                }
                collector.backward(lossArray);
            }
            double norm = optimizer.step(learningRate, options.gradientClipping());
            if (!Double.isFinite(norm)) {
                throw KeelException.invalid("loss diverged at step " + step + ": gradient norm " + norm
                        + " (expected: finite; lower training.optimizer.learningRate or set training.gradientClipping)");
            }
            return value;
        }
    }

    private boolean oneHot() {
        return LabelSpec.ONE_HOT.equals(spec.preprocessing().labels().mapping());
    }

    /** Evaluates, reports and checkpoints the epoch just trained; true when early stopping ends the run. */
    private boolean endEpoch() {
        requireFiniteParameters();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", epochSamples == 0 ? Double.NaN : epochLossSum / epochSamples);
        ConfusionMatrix confusion = null;
        if (dataSpec.validationSplit() != null) {
            Evaluator.Evaluation validation = evaluator().evaluate(dataSpec.validationSplit(), block, parameters, manager,
                    options.batchSize());
            metrics.putAll(validation.metrics("val_"));
            confusion = validation.confusion();
        }
        EpochMetrics result = new EpochMetrics(epoch, step, metrics, confusion);
        history.add(result);
        listener.onEpoch(result);
        boolean stop = earlyStop(metrics);
        epoch++;
        batchesInEpoch = 0;
        epochLossSum = 0;
        epochSamples = 0;
        int every = options.checkpoint().everyEpochs();
        if (every > 0 && ((epoch - 1) % every == 0 || stop || epoch > options.epochs())) {
            checkpoint();
        }
        return stop;
    }

    private boolean earlyStop(Map<String, Double> metrics) {
        EarlyStoppingSpec stopping = options.earlyStopping();
        if (stopping == null) {
            return false;
        }
        double value = metrics.getOrDefault(stopping.metric(), Double.NaN);
        if (Double.isNaN(bestMetric) || stopping.improves(value, bestMetric)) {
            bestMetric = value;
            epochsWithoutImprovement = 0;
            return false;
        }
        epochsWithoutImprovement++;
        return epochsWithoutImprovement >= stopping.patience();
    }

    /**
     * A step's loss is read before its update, so a bad update shows only in the next step's loss, and the last
     * update of a run has no next step: without this an update that left NaN or infinite weights (a learning rate
     * beyond float range; a NaN from the engine) ended in a model that predicts NaN, saved as if trained. Checked
     * before every evaluation and checkpoint; a few engine ops per parameter.
     */
    private void requireFiniteParameters() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (var parameter : block.getParameters()) {
                NDArray weights = parameter.getValue().getArray();
                if (weights.isNaN().logicalOr(weights.isInfinite()).any().getBoolean()) {
                    throw KeelException.invalid("loss diverged at step " + step + ": parameter " + parameter.getKey()
                            + " holds NaN or infinite values after the update (expected: finite; lower"
                            + " training.optimizer.learningRate or set training.gradientClipping)");
                }
            }
        }
    }

    private void checkpoint() {
        CheckpointState state = new CheckpointState(spec.specHash(), options.seed(), epoch, batchesInEpoch, step,
                epochLossSum, epochSamples, bestMetric, epochsWithoutImprovement, optimizer.updates(), history);
        Path path = checkpoints.write(state, block, optimizer.state());
        listener.onCheckpoint(path, step, epoch);
    }

    private void restore(Path file) {
        CheckpointFile.Contents contents = CheckpointFile.read(file);
        CheckpointState state = contents.state();
        if (!state.specHash().equals(spec.specHash())) {
            throw KeelException.invalid("resume: checkpoint " + file + " was written for spec " + state.specHash()
                    + " (expected: this spec, " + spec.specHash() + ")");
        }
        contents.loadInto(block, manager);
        // Loading replaces the parameter arrays; the new ones must record gradients like the initialised ones did.
        block.getParameters().values().stream().filter(parameter -> parameter.requiresGradient())
                .forEach(parameter -> parameter.getArray().setRequiresGradient(true));
        try (NDManager loading = manager.newSubManager()) {
            optimizer.restore(contents.optimizerState(loading), state.optimizerUpdates(),
                    state.step() > 0 ? schedule.at(state.step() - 1) : 0);
        }
        epoch = state.epoch();
        batchesInEpoch = state.batchesInEpoch();
        step = state.step();
        epochLossSum = state.epochLossSum();
        epochSamples = state.epochSamples();
        bestMetric = state.bestMetric();
        epochsWithoutImprovement = state.epochsWithoutImprovement();
        history.clear();
        history.addAll(state.history());
    }

    private Evaluator evaluator() {
        return new Evaluator(data, encoder, classes, threads);
    }

    private long parameterCount() {
        return block.getParameters().values().stream().mapToLong(parameter -> parameter.getArray().size()).sum();
    }

    private int seedFor(long counter) {
        return (int) ((options.seed() * 1_000_003L + counter * 7_919L) & 0x7fffffff);
    }

    @Override
    public void close() {
        manager.close();
    }

}
