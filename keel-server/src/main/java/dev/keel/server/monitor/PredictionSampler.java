package dev.keel.server.monitor;

import static java.util.Objects.requireNonNull;

import dev.keel.monitor.MetricNames;
import dev.keel.monitor.series.Labels;
import dev.keel.monitor.series.Sample;
import dev.keel.monitor.series.SampleWriter;
import dev.keel.serve.batching.BatchListener;
import dev.keel.serve.deploy.ServingObserver;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.Tensor;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples computed batches for drift: on the batch worker it only draws against the sampling rate and offers
 * the batch to a bounded queue (dropping it when full, so serving never waits); its own thread summarises the
 * rows ({@link RowSummaries}) into {@code keel_prediction_input} and {@code keel_prediction_class} samples.
 * The first input and first output in name order are the ones summarised.
 */
final class PredictionSampler implements ServingObserver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PredictionSampler.class);

    private record Batch(String endpoint, String model, String version, Map<String, Tensor> inputs,
            Map<String, Tensor> outputs, long at) {}

    private final SampleWriter writer;
    private final RandomGenerator random;
    private final Clock clock;
    private final int maxRowsPerBatch;
    private final BlockingQueue<Batch> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile double rate;
    private volatile boolean closed;

    /** @param threads makes the summarising thread (started here) */
    PredictionSampler(SampleWriter writer, double rate, int queueCapacity, int maxRowsPerBatch, RandomGenerator random,
            Clock clock, ThreadFactory threads) {
        this.writer = requireNonNull(writer, "writer is null");
        this.random = requireNonNull(random, "random is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxRowsPerBatch = maxRowsPerBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        setRate(rate);
        this.worker = threads.newThread(this::drain);
        worker.start();
    }

    /** The share of computed batches sampled, in [0, 1]. */
    void setRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: between 0 and 1)");
        }
        this.rate = rate;
    }

    double rate() {
        return rate;
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public BatchListener versionStarted(String endpoint, String model, String version, IntSupplier queueDepth) {
        return BatchListener.NONE;
    }

    @Override
    public void predicted(String endpoint, String model, String version, Map<String, Tensor> inputs,
            Map<String, Tensor> outputs) {
        double current = rate;
        if (current <= 0 || (current < 1 && random.nextDouble() >= current)) {
            return;
        }
        if (!queue.offer(new Batch(endpoint, model, version, inputs, outputs, clock.millis()))) {
            dropped.incrementAndGet();
        }
    }

    /** Summarises everything queued now (tests and shutdown); the worker thread does the same continuously. */
    void drainNow() {
        Batch batch;
        while ((batch = queue.poll()) != null) {
            summarise(batch);
        }
    }

    private void drain() {
        while (!closed) {
            try {
                Batch batch = queue.poll(200, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    summarise(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("could not summarise a sampled batch: {}", e.toString());
            }
        }
    }

    private synchronized void summarise(Batch batch) {
        Tensor input = new TreeMap<>(batch.inputs()).firstEntry().getValue();
        Tensor output = batch.outputs().isEmpty() ? null : new TreeMap<>(batch.outputs()).firstEntry().getValue();
        Labels labels = Labels.of("endpoint", batch.endpoint(), "model", batch.model(), "version", batch.version());
        if (input.rank() == 0 || input.batchSize() == 0 || input.dtype() == DataType.BOOL) {
            return;
        }
        int rows = (int) Math.min(input.batchSize(), maxRowsPerBatch);
        double[] in = input.toDoubles();
        int width = (int) (in.length / input.batchSize());
        double[] out = output == null || output.rank() == 0 ? null : output.toDoubles();
        int outWidth = out == null ? 0 : (int) (out.length / output.batchSize());
        for (int row = 0; row < rows; row++) {
            for (Map.Entry<String, Double> feature : RowSummaries.of(in, row * width, width).entrySet()) {
                writer.record(new Sample(MetricNames.PREDICTION_INPUT, labels.with("feature", feature.getKey()),
                        batch.at(), feature.getValue()));
            }
            if (out != null && outWidth > 0 && row < output.batchSize()) {
                writer.record(new Sample(MetricNames.PREDICTION_CLASS,
                        labels.with("class", RowSummaries.predictedClass(out, row * outWidth, outWidth)), batch.at(), 1));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
