package dev.keel.bench.train;

import dev.keel.data.record.DType;
import dev.keel.data.record.Row;
import dev.keel.data.record.Tensor;
import dev.keel.train.data.InMemoryTrainingData;
import dev.keel.train.loop.StepProgress;
import dev.keel.train.loop.Trainer;
import dev.keel.train.loop.TrainingListener;
import dev.keel.train.loop.TrainingRequest;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.TrainingSpec;
import dev.keel.train.spec.TrainingSpecParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Training throughput (samples/s) of Keel's trainer against native PyTorch on the same machine, same
 * architectures (MLP 784-256-128-10 and the LeNet-style CNN), batch 32/128/256, SGD with momentum, same thread
 * count (default 1), random 28×28 inputs. Keel's figure is the full loop (prefetching, encoding, tensors,
 * forward, backward, update, the loss read back every step); PyTorch's is its eager loop over tensors in memory.
 *
 * Each pair is measured {@code repeats} times, alternating Keel and PyTorch, and the best of each is kept: on a
 * shared machine the best run is the one least disturbed by other work. Before measuring, Keel trains the MLP
 * for {@code -Dkeel.bench.warmupSteps} steps (default 4000) and the CNN for a quarter of that, at batch 32: the JVM
 * compiles the training loop only after a few thousand steps (a first run of 2000 MLP steps measured 35k samples/s,
 * later ones 40-46k), and a real training run is tens of thousands of steps long, so the compiled loop is the one to
 * compare.
 *
 * Each run trains on {@code samples} examples (2400 steps at batch 32, 300 at batch 256 by default): with a fixed
 * step count the batch-32 runs took 0.2 s and their ratio moved by ±0.1 from run to run.
 *
 * <pre>scripts/bench train.TrainingThroughputBenchmark [samples=76800] [threads=1] [repeats=3] [python=/usr/bin/python3]</pre>
 * The baseline needs Debian's {@code python3-torch} and {@code libopenblas0-pthread} (see {@link #warnOnReferenceBlas}).
 */
public final class TrainingThroughputBenchmark {
    private static final int WARMUP = 5;
    private static final Pattern SAMPLES = Pattern.compile("\"samples_per_second\": ([0-9.eE+-]+)");

    private TrainingThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 76_800;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String python = args.length > 3 ? args[3] : "/usr/bin/python3";
        Path script = Path.of("keel-bench/src/main/python/train_throughput.py");
        warnOnReferenceBlas();
        ArchitectureRegistry architectures = ArchitectureRegistry.load();
        int warmup = Integer.getInteger("keel.bench.warmupSteps", 4000);
        for (String arch : List.of("mlp", "cnn")) {
            double warm = keel(architectures, arch, 32, arch.equals("mlp") ? warmup : warmup / 4, threads);
            System.out.printf("warm-up %s: %.0f samples/s at batch 32%n", arch, warm);
        }
        System.out.printf("%-5s %6s %14s %14s %7s%n", "model", "batch", "keel samples/s", "torch samples/s", "ratio");
        for (String arch : List.of("mlp", "cnn")) {
            for (int batch : List.of(32, 128, 256)) {
                int steps = Math.max(1, samples / batch);
                double keel = 0;
                double torch = 0;
                for (int repeat = 0; repeat < repeats; repeat++) {
                    keel = Math.max(keel, keel(architectures, arch, batch, steps, threads));
                    torch = Math.max(torch, torch(python, script, arch, batch, steps, threads));
                }
                System.out.printf("%-5s %6d %14.0f %14.0f %7.2f%n", arch, batch, keel, torch, keel / torch);
            }
        }
    }

    static double keel(ArchitectureRegistry architectures, String arch, int batch, int steps, int threads)
            throws IOException {
        String model = arch.equals("mlp") ? "{architecture: mlp, layers: [{units: 256}, {units: 128}]}" : "{architecture: cnn}";
        TrainingSpec spec = new TrainingSpecParser(architectures).parse("""
                data: {dataset: "random@1", input: image, label: label, shuffleBuffer: 1024}
                preprocessing: {normalization: {kind: scale, factor: 0.00392156862745098}, labels: {classes: 10}}
                model: %s
                training:
                  batchSize: %d
                  epochs: 1
                  optimizer: {kind: sgd, learningRate: 0.01, momentum: 0.9}
                  checkpoint: {everyEpochs: 0}
                engine: {threads: %d}
                """.formatted(model, batch, threads));
        InMemoryTrainingData data = new InMemoryTrainingData(Map.of("train", randomImages((steps + WARMUP) * batch)));
        List<StepProgress> progress = new ArrayList<>();
        Path work = Files.createTempDirectory("keel-throughput");
        new Trainer(architectures).run(TrainingRequest.of(spec, data, work, new TrainingListener() {
            @Override
            public void onStep(StepProgress step) {
                progress.add(step);
            }
        }));
        double seconds = 0;
        long samples = 0;
        for (StepProgress step : progress.subList(WARMUP, progress.size())) {
            seconds += step.samples() / step.samplesPerSecond();
            samples += step.samples();
        }
        return samples / seconds;
    }

    private static List<Row> randomImages(int count) {
        Random random = new Random(1);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] pixels = new byte[28 * 28];
            random.nextBytes(pixels);
            rows.add(new Row(i, Map.of("image", Tensor.wrap(DType.UINT8, new int[] {28, 28}, pixels),
                    "label", (long) random.nextInt(10))));
        }
        return rows;
    }

    /**
     * Debian's PyTorch links the system BLAS through the alternatives system; without OpenBLAS installed that is the
     * reference BLAS, which makes PyTorch's MLP 5-14x slower and the comparison meaningless (measured 2026-12-04).
     */
    private static void warnOnReferenceBlas() {
        Path blas = Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3");
        try {
            Path real = blas.toRealPath();
            if (!real.toString().contains("openblas") && !real.toString().contains("blis") && !real.toString().contains("mkl")) {
                System.out.println("WARNING: " + blas + " is " + real + " (the reference BLAS): native PyTorch will be far "
                        + "slower than it can be; apt-get install libopenblas0-pthread first");
            }
        } catch (IOException e) {
            // Not Debian's layout: nothing to check.
        }
    }

    static double torch(String python, Path script, String arch, int batch, int steps, int threads)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(python, script.toString(), "--arch", arch, "--batch", Integer.toString(batch),
                "--steps", Integer.toString(steps), "--warmup", Integer.toString(WARMUP),
                "--threads", Integer.toString(threads)).redirectErrorStream(true);
        // Native PyTorch as installed: without the MKL shim scripts/jvm-env.sh preloads for Keel (Debian's torch uses
        // OpenBLAS, so it would not change anything, but the baseline should not even look affected).
        builder.environment().remove("LD_PRELOAD");
        // Same thread count for BLAS as for PyTorch's own pool; OpenBLAS would otherwise use every core.
        for (String variable : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            builder.environment().put(variable, Integer.toString(threads));
        }
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> output.append(line).append('\n'));
        }
        int exit = process.waitFor();
        Matcher matcher = SAMPLES.matcher(output);
        if (exit != 0 || !matcher.find()) {
            throw new IllegalStateException("native PyTorch run failed (exit " + exit + "): " + output);
        }
        return Double.parseDouble(matcher.group(1));
    }
}
