package dev.keel.bench.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import dev.keel.bench.Stopwatch;
import dev.keel.core.config.KeelConfig;
import dev.keel.serve.batching.BatchListener;
import dev.keel.serve.batching.BatchPolicy;
import dev.keel.serve.deploy.DeploymentSpec;
import dev.keel.serve.deploy.Deployments;
import dev.keel.serve.deploy.Endpoint;
import dev.keel.serve.deploy.ServingObserver;
import dev.keel.serve.runtime.Tensor;
import dev.keel.server.auth.Authenticator;
import dev.keel.server.auth.TokenRepository;
import dev.keel.server.auth.TokenService;
import dev.keel.server.http.ErrorResponses;
import dev.keel.server.http.JsonBodies;
import dev.keel.server.serving.BinaryTensors;
import dev.keel.server.serving.ServingModule;
import dev.keel.store.metadata.MetadataStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Served (Keel REST predict with the binary tensor body over loopback, driven by wrk) vs in-process (the same
 * endpoint's batcher called directly: same model, worker threads and batch policy) for two models trained by Keel and
 * run by ONNX Runtime ({@link TrainedOnnxModels}): a sub-millisecond MLP and a ~10 ms ResNet. Closed-loop throughput
 * at 16 clients, p50 at concurrency 1 (paired rounds), the batching speed-up (max batch 32 vs 1); the serving path's
 * own ceiling (a model that computes nothing, a bare Armeria route with no Keel code, and that route with a hand-off
 * to a worker thread and back), a model that sleeps 10 ms at concurrency 1 (the cost of waking idle cores); and
 * overload of the ResNet at 2x its measured served capacity (open loop) against a bounded queue. Max queue delay 0 by
 * default (take what is queued: with a closed loop of 16 clients a batch of 32 never fills, so any delay only adds
 * latency).
 *
 * <p>{@code scripts/bench serve.ServingBenchmark [phaseSeconds=3] [overloadSeconds=20]}; system properties
 * {@code keel.bench.client} (wrk, armeria), {@code keel.bench.protocol} (Armeria's: h2c, h1c),
 * {@code keel.bench.clients}, {@code keel.bench.c1Rounds} (9), {@code keel.bench.models} (mlp,resnet),
 * {@code keel.bench.mlp.delayMicros}, {@code keel.bench.resnet.delayMicros}, {@code keel.bench.verbose} (per phase,
 * its warm-up included: mean batch size, queue wait and batch compute time).
 */
public final class ServingBenchmark {
    private static final String TOKEN = "keel_bench_serving_token_for_loopback_only";
    private static final int CLIENTS = Integer.getInteger("keel.bench.clients", 16);
    private static final int C1_ROUNDS = Integer.getInteger("keel.bench.c1Rounds", 9);
    /** Seconds of each concurrency-1 phase (after its 1 s warm-up): many short pairs beat a few long ones. */
    private static final int C1_SECONDS = 2;
    /** Batches and rows computed, over all endpoints: the mean batch size of each phase. */
    private static final LongAdder BATCH_COUNT = new LongAdder();
    private static final LongAdder BATCH_ROWS = new LongAdder();
    private static final LongAdder QUEUE_NANOS = new LongAdder();
    private static final LongAdder COMPUTE_NANOS = new LongAdder();
    private static final ServingObserver BATCHES = (endpoint, model, version, depth) -> new BatchListener() {
        @Override
        public void batchCompleted(int requests, int rows, long computeNanos, boolean failed) {
            BATCH_COUNT.increment();
            BATCH_ROWS.add(rows);
            COMPUTE_NANOS.add(computeNanos);
        }

        @Override
        public void dequeued(long queueNanos) {
            QUEUE_NANOS.add(queueNanos);
        }
    };
    private static final String BARE_PATH = "/bench/bare";
    private static final String HANDOFF_PATH = "/bench/handoff";
    /**
     * h2c (HTTP/2 without TLS, as gRPC and Triton clients speak; the default) or h1c (HTTP/1.1 keep-alive, a
     * connection per client), with -Dkeel.bench.protocol. The client shares the cores, and h2c costs it about half.
     */
    private static final String PROTOCOL = System.getProperty("keel.bench.protocol", "h2c");
    /**
     * The closed-loop served phases are driven by Debian's wrk (one thread, HTTP/1.1 keep-alive, a connection per
     * client) in a child process: a C load generator leaves the server more of the two cores than Armeria's client in
     * this process does, and wakes fewer threads per request. -Dkeel.bench.client=armeria uses Armeria's WebClient
     * instead. Overload always runs on Armeria's client (wrk has no open loop).
     */
    private static final boolean WRK = System.getProperty("keel.bench.client", "wrk").equals("wrk");
    /** wrk's script: POST the body in $KEEL_BENCH_BODY with a token; print one line of figures at the end. */
    private static final String WRK_SCRIPT = """
            wrk.method = "POST"
            wrk.headers["Authorization"] = "Bearer %s"
            wrk.headers["Content-Type"] = "%s"
            wrk.headers["Accept"] = "%s"
            local file = assert(io.open(os.getenv("KEEL_BENCH_BODY"), "rb"))
            wrk.body = file:read("*a")
            file:close()
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("keel-bench-wrk %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
                latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
            end
            """.formatted(TOKEN, BinaryTensors.MEDIA_TYPE, BinaryTensors.MEDIA_TYPE);

    private final Deployments deployments;
    private final TrainedOnnxModels models;
    private final Server server;
    private final WebClient web;
    private final int phaseSeconds;

    private ServingBenchmark(Deployments deployments, TrainedOnnxModels models, Server server, int phaseSeconds) {
        this.deployments = deployments;
        this.models = models;
        this.server = server;
        this.phaseSeconds = phaseSeconds;
        this.web = WebClient.builder(PROTOCOL + "://127.0.0.1:" + server.activeLocalPort())
                .factory(ClientFactory.builder().maxNumEventLoopsPerEndpoint(2).build())
                .responseTimeoutMillis(60_000).maxResponseLength(0).build();
    }

    private static com.linecorp.armeria.common.HttpRequest request(String path, byte[] body) {
        return com.linecorp.armeria.common.HttpRequest.of(RequestHeaders.builder(HttpMethod.POST, path)
                .add("authorization", "Bearer " + TOKEN).contentType(MediaType.parse(BinaryTensors.MEDIA_TYPE))
                .add("accept", BinaryTensors.MEDIA_TYPE).build(), HttpData.wrap(body));
    }

    public static void main(String[] args) throws Exception {
        int phaseSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int overloadSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path home = Files.createTempDirectory("keel-bench-serve-");
        TrainedOnnxModels models = TrainedOnnxModels.train(home.resolve("training"));
        try (MetadataStore metadata = MetadataStore.open(KeelConfig.defaults(home).database());
                Deployments deployments = new Deployments(models, null, BATCHES, 1)) {
            TokenService tokens = new TokenService(new TokenRepository(metadata), Clock.systemUTC(), new SecureRandom());
            tokens.bootstrap(Optional.of(TOKEN));
            ObjectMapper json = JsonBodies.newObjectMapper();
            ServerBuilder builder = Server.builder().port(new InetSocketAddress("127.0.0.1", 0), SessionProtocol.HTTP)
                    .blockingTaskExecutor(CLIENTS * 4);
            new ServingModule(deployments, new Authenticator(tokens), json, new ErrorResponses(json)).register(builder);
            // The transport alone: no token check, no decoding, no model; answers as many bytes as an MLP prediction.
            byte[] bareAnswer = new byte[64];
            builder.service(BARE_PATH, (ctx, req) -> HttpResponse.of(req.aggregate().thenApply(ignored ->
                    HttpResponse.of(HttpStatus.OK, MediaType.OCTET_STREAM, bareAnswer))));
            // The same, plus the two hand-offs a prediction makes: to one worker thread and back to the event loop.
            ExecutorService worker = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().daemon(true).name("keel-bench-handoff").factory());
            builder.service(HANDOFF_PATH, (ctx, req) -> HttpResponse.of(req.aggregate()
                    .thenApplyAsync(ignored -> bareAnswer, worker)
                    .thenApplyAsync(answer -> HttpResponse.of(HttpStatus.OK, MediaType.OCTET_STREAM, answer),
                            ctx.eventLoop().withoutContext())));
            Server server = builder.build();
            server.start().join();
            try {
                new ServingBenchmark(deployments, models, server, phaseSeconds).run(overloadSeconds);
            } finally {
                server.stop().join();
            }
        }
    }

    private void run(int overloadSeconds) throws Exception {
        System.out.printf("%ncores=%d clients=%d phase=%ds; served = Keel REST predict, binary tensors, %s loopback%n",
                Runtime.getRuntime().availableProcessors(), CLIENTS, phaseSeconds,
                WRK ? "wrk (one thread, HTTP/1.1) over" : "Armeria WebClient over " + PROTOCOL);
        // Warm up the HTTP path first (JIT of Armeria, Netty, the codecs and the batcher; the client's connections):
        // otherwise whichever served phase runs first pays for it.
        deploy("echo-b1", "echo", new BatchPolicy(1, Duration.ZERO, 4096, Duration.ofSeconds(30), 1));
        // On a busy 2-core box C2 needs tens of seconds; throughput settles after about four rounds.
        for (int i = 0; i < 6; i++) {
            measure("echo-b1", "mlp", true, CLIENTS);
            measure(BARE_PATH, "mlp", true, CLIENTS);
        }
        double resnetCapacity = 0;
        for (String model : System.getProperty("keel.bench.models", "mlp,resnet").split(",", -1)) {
            if (model.isEmpty()) {
                continue;
            }
            Duration delay = Duration.ofNanos(1000L * Integer.getInteger("keel.bench." + model + ".delayMicros", 0));
            deploy(model + "-b32", model, new BatchPolicy(32, delay, 4096, Duration.ofSeconds(30), 1));
            deploy(model + "-b1", model, new BatchPolicy(1, Duration.ZERO, 4096, Duration.ofSeconds(30), 1));
            Result in32 = measure(model + "-b32", model, false, CLIENTS);
            Result out32 = measure(model + "-b32", model, true, CLIENTS);
            Result in1 = measure(model + "-b1", model, false, CLIENTS);
            Result out1 = measure(model + "-b1", model, true, CLIENTS);
            ConcurrencyOne c1 = concurrencyOne(model + "-b1", model);
            System.out.printf("%n[%s] throughput max-batch 32, %d clients: in-process %.0f/s, served %.0f/s, ratio %.2f%n",
                    model, CLIENTS, in32.perSecond, out32.perSecond, out32.perSecond / in32.perSecond);
            System.out.printf("[%s] throughput max-batch 1, %d clients: in-process %.0f/s, served %.0f/s, ratio %.2f%n",
                    model, CLIENTS, in1.perSecond, out1.perSecond, out1.perSecond / in1.perSecond);
            double inSpeedup = in32.perSecond / in1.perSecond;
            double outSpeedup = out32.perSecond / out1.perSecond;
            System.out.printf("[%s] batching speed-up (32 vs 1): in-process %.2fx, served %.2fx, kept %s%n", model, inSpeedup,
                    outSpeedup, inSpeedup > 1 ? "%.0f%%".formatted(100 * (outSpeedup - 1) / (inSpeedup - 1)) : "n/a (no in-process speed-up)");
            System.out.printf("[%s] p50 at concurrency 1 (max batch 1): %s%n", model, c1);
            if (model.equals("resnet")) {
                resnetCapacity = out32.perSecond;
            }
            deployments.undeploy(model + "-b32");
            deployments.undeploy(model + "-b1");
        }
        Result echo = measure("echo-b1", "mlp", true, CLIENTS);
        Result bare = measure(BARE_PATH, "mlp", true, CLIENTS);
        Result handoff = measure(HANDOFF_PATH, "mlp", true, CLIENTS);
        deployments.undeploy("echo-b1");
        deploy("sleep-b1", "sleep", new BatchPolicy(1, Duration.ZERO, 4096, Duration.ofSeconds(30), 1));
        ConcurrencyOne sleep = concurrencyOne("sleep-b1", "mlp");
        deployments.undeploy("sleep-b1");
        System.out.printf("%n[ceiling] %d clients, no compute: Keel predict of a model that computes nothing %.0f/s; "
                + "a bare Armeria route (no auth, no decoding, no batcher) %.0f/s; Keel keeps %.0f%%; the bare route "
                + "with a hand-off to one worker thread and back %.0f/s (%.0f%%)%n",
                CLIENTS, echo.perSecond, bare.perSecond, 100 * echo.perSecond / bare.perSecond, handoff.perSecond,
                100 * handoff.perSecond / bare.perSecond);
        System.out.printf("[idle] concurrency 1, a model that sleeps 10 ms (cores idle between requests): p50 %s%n", sleep);
        if (resnetCapacity > 0) {
            overload(resnetCapacity, overloadSeconds);
        }
    }

    private void deploy(String endpoint, String model, BatchPolicy policy) {
        deployments.deploy(DeploymentSpec.of(endpoint, model, "1", policy).withWarmupBatches(4));
    }

    /** The batch counters at one moment. */
    private record Batches(long count, long rows, long queueNanos, long computeNanos) {
        static Batches now() {
            return new Batches(BATCH_COUNT.sum(), BATCH_ROWS.sum(), QUEUE_NANOS.sum(), COMPUTE_NANOS.sum());
        }
    }

    private record Result(double perSecond, double p50Millis, double p99Millis, double meanBatch, double meanQueueMillis) {}

    /** Concurrency 1: the medians over the rounds of each side's p50, and of the served minus in-process p50. */
    private record ConcurrencyOne(double inProcessMillis, double servedMillis, double overheadMillis, int rounds) {
        @Override
        public String toString() {
            return "in-process %.3f ms, served %.3f ms; served minus in-process, median of %d paired rounds: %+.3f ms"
                    .formatted(inProcessMillis, servedMillis, rounds, overheadMillis);
        }
    }

    /**
     * Concurrency 1 in {@link #C1_ROUNDS} rounds of an in-process and a served phase back to back (in turn first): the
     * overhead is the median of each round's difference of p50s. The ResNet's own speed drifts between phases by more
     * than the 0.3 ms being measured (in-process p50 from 9.9 to 10.7 ms in one run), so only phases measured side by
     * side are compared.
     */
    private ConcurrencyOne concurrencyOne(String endpointName, String model) throws Exception {
        double[] inProcess = new double[C1_ROUNDS];
        double[] served = new double[C1_ROUNDS];
        double[] overhead = new double[C1_ROUNDS];
        for (int round = 0; round < C1_ROUNDS; round++) {
            boolean servedFirst = round % 2 == 1;
            Result first = measure(endpointName, model, servedFirst, 1, C1_SECONDS);
            Result second = measure(endpointName, model, !servedFirst, 1, C1_SECONDS);
            inProcess[round] = (servedFirst ? second : first).p50Millis();
            served[round] = (servedFirst ? first : second).p50Millis();
            overhead[round] = served[round] - inProcess[round];
        }
        return new ConcurrencyOne(Stopwatch.median(inProcess), Stopwatch.median(served), Stopwatch.median(overhead),
                C1_ROUNDS);
    }

    /**
     * Closed loop: {@code clients} clients, each one request at a time, for the phase duration (after 1 s warm-up).
     * In-process, a client is a callback that submits its next request when the batch worker completes the last
     * one: the runtime's own threads only, no client thread to wake. Served, wrk or a thread per client.
     */
    private Result measure(String endpointName, String model, boolean served, int clients) throws Exception {
        return measure(endpointName, model, served, clients, phaseSeconds);
    }

    private Result measure(String endpointName, String model, boolean served, int clients, int seconds)
            throws Exception {
        boolean route = endpointName.startsWith("/");
        String path = route ? endpointName : "/api/v1/endpoints/" + endpointName + "/predict";
        if (served && WRK) {
            return measureWithWrk(endpointName, path, model, clients, seconds);
        }
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        Batches before = Batches.now();
        if (served) {
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                byte[] body = BinaryTensors.write(models.input(model, new Random(c)));
                threads.add(Thread.ofPlatform().start(() -> {
                    for (long start = System.nanoTime(); start <= end; start = System.nanoTime()) {
                        AggregatedHttpResponse response = web.execute(request(path, body)).aggregate().join();
                        if (response.status().code() != 200) {
                            throw new IllegalStateException("HTTP " + response.status() + " from " + path);
                        }
                        record(recorder, done, start, warmupEnd);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } else {
            Endpoint endpoint = deployments.get(endpointName);
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                CompletableFuture<Void> finished = new CompletableFuture<>();
                loops.add(finished);
                inProcessLoop(endpoint, models.input(model, new Random(c)), recorder, done, warmupEnd, end, finished);
            }
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
        }
        var histogram = recorder.getIntervalHistogram();
        return result(endpointName, served ? "served" : "in-process", clients, done.get() / (double) seconds,
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), before);
    }

    /** One in-process client: a request, and from its completion (on the batch worker) the next, until {@code end}. */
    private static void inProcessLoop(Endpoint endpoint, Map<String, Tensor> input, Recorder recorder, AtomicLong done,
            long warmupEnd, long end, CompletableFuture<Void> finished) {
        long start = System.nanoTime();
        if (start > end) {
            finished.complete(null);
            return;
        }
        endpoint.predict(input).whenComplete((prediction, failure) -> {
            if (failure != null) {
                finished.completeExceptionally(failure);
                return;
            }
            record(recorder, done, start, warmupEnd);
            inProcessLoop(endpoint, input, recorder, done, warmupEnd, end, finished);
        });
    }

    private static void record(Recorder recorder, AtomicLong done, long start, long warmupEnd) {
        if (start >= warmupEnd) {
            recorder.recordValue((System.nanoTime() - start) / 1000);
            done.incrementAndGet();
        }
    }

    /** The phase's figures (latencies in microseconds) with the batches computed since {@code before}. */
    private static Result result(String endpointName, String how, int clients, double perSecond, double p50Micros,
            double p99Micros, Batches before) {
        long batches = Math.max(1, BATCH_COUNT.sum() - before.count());
        long rows = BATCH_ROWS.sum() - before.rows();
        Result result = new Result(perSecond, p50Micros / 1000.0, p99Micros / 1000.0, rows / (double) batches,
                (QUEUE_NANOS.sum() - before.queueNanos()) / 1e6 / Math.max(1, rows));
        if (Boolean.getBoolean("keel.bench.verbose")) {
            System.out.printf("  %s %s c=%d: %.0f/s p50 %.3f ms, mean batch %.1f rows, mean queue wait %.3f ms, mean batch compute %.3f ms%n",
                    endpointName, how, clients, result.perSecond, result.p50Millis, result.meanBatch,
                    result.meanQueueMillis, (COMPUTE_NANOS.sum() - before.computeNanos()) / 1e6 / batches);
        }
        return result;
    }

    /** The served phase driven by wrk: a 1 s run to warm up, then the measured one. */
    private Result measureWithWrk(String endpointName, String path, String model, int clients, int seconds)
            throws Exception {
        Path body = Files.createTempFile("keel-bench-body-", ".ktns");
        Path script = Files.createTempFile("keel-bench-", ".lua");
        try {
            Files.write(body, BinaryTensors.write(models.input(model, new Random(0))));
            Files.writeString(script, WRK_SCRIPT);
            wrk(path, body, script, clients, 1);
            Batches before = Batches.now();
            long[] figures = wrk(path, body, script, clients, seconds);
            if (!endpointName.startsWith("/")) {
                // wrk leaves its last requests queued when it stops: one more request, answered after them (one
                // worker, first in first out), keeps them out of the next phase.
                deployments.get(endpointName).predict(models.input(model, new Random(0))).get();
            }
            if (figures[4] != 0) {
                throw new IllegalStateException("wrk counted " + figures[4]
                        + " errors (non-2xx, socket errors, timeouts) on " + path);
            }
            return result(endpointName, "served (wrk)", clients, figures[0] / (figures[1] / 1e6), figures[2], figures[3],
                    before);
        } finally {
            Files.deleteIfExists(body);
            Files.deleteIfExists(script);
        }
    }

    /** Runs wrk; answers requests, duration (µs), p50 and p99 (µs) and errors from the script's last line. */
    private long[] wrk(String path, Path body, Path script, int clients, int seconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t1", "-c" + clients, "-d" + seconds + "s", "--timeout",
                "60s", "-s", script.toString(), "http://127.0.0.1:" + server.activeLocalPort() + path)
                .redirectErrorStream(true);
        builder.environment().put("KEEL_BENCH_BODY", body.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("no wrk to drive the served phases (apt-get install wrk), or run them on "
                    + "Armeria's client with -Dkeel.bench.client=armeria: " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        String line = output.lines().filter(l -> l.startsWith("keel-bench-wrk ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no figures: " + output));
        String[] fields = line.split(" ");
        long[] figures = new long[5];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = Long.parseLong(fields[i + 1]);
        }
        return figures;
    }

    /** Open loop at 2x capacity against a queue of 64: admitted p99 stays bounded, the rest get 429. */
    private void overload(double capacity, int seconds) throws Exception {
        deploy("resnet-overload", "resnet", new BatchPolicy(32, Duration.ofNanos(2_000_000), 64, Duration.ofSeconds(5), 1));
        double rate = 2 * capacity;
        Recorder admitted = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong other = new AtomicLong();
        byte[] body = BinaryTensors.write(models.input("resnet", new Random(1)));
        String path = "/api/v1/endpoints/resnet-overload/predict";
        System.gc();
        long heapBefore = usedHeap();
        long maxHeapDuring = heapBefore;
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / rate);
        long sent = 0;
        long notSent = 0;
        AtomicLong inFlight = new AtomicLong();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
            long due = start + sent * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, 1_000_000));
                continue;
            }
            if (inFlight.get() > 4096) {
                // The client cannot keep up: do not let its own backlog distort the server's figures.
                sent++;
                notSent++;
                continue;
            }
            long issued = System.nanoTime();
            inFlight.incrementAndGet();
            web.execute(request(path, body)).aggregate().whenComplete((response, failure) -> {
                inFlight.decrementAndGet();
                if (failure != null) {
                    other.incrementAndGet();
                } else if (response.status().code() == 200) {
                    ok.incrementAndGet();
                    admitted.recordValue((System.nanoTime() - issued) / 1000);
                } else if (response.status().code() == 429) {
                    rejected.incrementAndGet();
                } else {
                    other.incrementAndGet();
                }
            });
            sent++;
            if (sent % 1000 == 0) {
                maxHeapDuring = Math.max(maxHeapDuring, usedHeap());
            }
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        System.gc();
        long heapAfter = usedHeap();
        var histogram = admitted.getIntervalHistogram();
        long total = ok.get() + rejected.get() + other.get();
        System.out.printf("%n[overload] %ds at %.0f req/s (2x served capacity %.0f/s), queue 64: due %d (%d not sent: client backlog over 4096), ok %d, 429 %d (%.1f%%), other errors %d%n",
                seconds, rate, capacity, sent, notSent, ok.get(), rejected.get(), 100.0 * rejected.get() / Math.max(1, total), other.get());
        System.out.printf("[overload] admitted latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; heap used after GC %d MiB before, %d MiB after, max sampled %d MiB%n",
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0, heapBefore >> 20, heapAfter >> 20, maxHeapDuring >> 20);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
