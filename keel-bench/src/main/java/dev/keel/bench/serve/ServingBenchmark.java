package dev.keel.bench.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import dev.keel.core.config.KeelConfig;
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
import dev.keel.server.serving.ServingModule;
import dev.keel.store.metadata.MetadataStore;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Served (Keel REST predict with the binary tensor body, Armeria's WebClient over loopback HTTP/1.1) vs in-process (the same
 * endpoint's batcher called directly: same model, worker threads and batch policy) for a sub-millisecond MLP
 * and a ~10 ms dense network: closed-loop throughput at 16 clients, p50 at concurrency 1, the batching speed-up
 * (max batch 32 vs 1), and overload at 2x measured capacity (open loop) with a bounded queue.
 *
 * <p>{@code scripts/bench serve.ServingBenchmark [phaseSeconds=3] [overloadSeconds=20]}
 */
public final class ServingBenchmark {
    private static final String TOKEN = "keel_bench_serving_token_for_loopback_only";
    private static final int CLIENTS = 16;

    private final Deployments deployments;
    private final Server server;
    private final WebClient web;
    private final int phaseSeconds;

    private ServingBenchmark(Deployments deployments, Server server, int phaseSeconds) {
        this.deployments = deployments;
        this.server = server;
        this.phaseSeconds = phaseSeconds;
        // Armeria's client over HTTP/1.1 (one connection per in-flight request, like most load generators).
        this.web = WebClient.builder("h1c://127.0.0.1:" + server.activeLocalPort())
                .factory(ClientFactory.builder().maxNumEventLoopsPerEndpoint(2).build())
                .responseTimeoutMillis(60_000).maxResponseLength(0).build();
    }

    private static com.linecorp.armeria.common.HttpRequest request(String path, byte[] body) {
        return com.linecorp.armeria.common.HttpRequest.of(RequestHeaders.builder(HttpMethod.POST, path)
                .add("authorization", "Bearer " + TOKEN).contentType(MediaType.parse("application/x-keel-tensors"))
                .add("accept", "application/x-keel-tensors").build(), HttpData.wrap(body));
    }

    public static void main(String[] args) throws Exception {
        int phaseSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int overloadSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path home = Files.createTempDirectory("keel-bench-serve-");
        try (MetadataStore metadata = MetadataStore.open(KeelConfig.defaults(home).database());
                Deployments deployments = new Deployments(new SyntheticModels(), null, ServingObserver.NONE, 1)) {
            TokenService tokens = new TokenService(new TokenRepository(metadata), Clock.systemUTC(), new SecureRandom());
            tokens.bootstrap(Optional.of(TOKEN));
            ObjectMapper json = JsonBodies.newObjectMapper();
            ServerBuilder builder = Server.builder().port(new InetSocketAddress("127.0.0.1", 0), SessionProtocol.HTTP)
                    .blockingTaskExecutor(CLIENTS * 4);
            new ServingModule(deployments, new Authenticator(tokens), json, new ErrorResponses(json)).register(builder);
            Server server = builder.build();
            server.start().join();
            try {
                new ServingBenchmark(deployments, server, phaseSeconds).run(overloadSeconds);
            } finally {
                server.stop().join();
            }
        }
    }

    private void run(int overloadSeconds) throws Exception {
        System.out.printf("cores=%d clients=%d phase=%ds; served = Keel REST predict, binary tensors, Armeria WebClient over HTTP/1.1 loopback%n",
                Runtime.getRuntime().availableProcessors(), CLIENTS, phaseSeconds);
        double mlpCapacity = 0;
        for (String model : List.of("mlp", "heavy")) {
            Duration delay = Duration.ofNanos(model.equals("mlp") ? 500_000 : 2_000_000);
            deploy(model + "-b32", model, new BatchPolicy(32, delay, 4096, Duration.ofSeconds(30), 1));
            deploy(model + "-b1", model, new BatchPolicy(1, Duration.ZERO, 4096, Duration.ofSeconds(30), 1));
            Result in32 = measure(model + "-b32", false, CLIENTS);
            Result out32 = measure(model + "-b32", true, CLIENTS);
            Result in1 = measure(model + "-b1", false, CLIENTS);
            Result out1 = measure(model + "-b1", true, CLIENTS);
            Result inC1 = measure(model + "-b32", false, 1);
            Result outC1 = measure(model + "-b32", true, 1);
            System.out.printf("%n[%s] throughput max-batch 32, %d clients: in-process %.0f/s, served %.0f/s, ratio %.2f%n",
                    model, CLIENTS, in32.perSecond, out32.perSecond, out32.perSecond / in32.perSecond);
            System.out.printf("[%s] throughput max-batch 1: in-process %.0f/s, served %.0f/s%n", model, in1.perSecond, out1.perSecond);
            double inSpeedup = in32.perSecond / in1.perSecond;
            double outSpeedup = out32.perSecond / out1.perSecond;
            System.out.printf("[%s] batching speed-up (32 vs 1): in-process %.2fx, served %.2fx, kept %.0f%%%n",
                    model, inSpeedup, outSpeedup, 100 * (outSpeedup - 1) / Math.max(1e-9, inSpeedup - 1));
            System.out.printf("[%s] p50 at concurrency 1: in-process %.3f ms, served %.3f ms (+%.3f ms); p99 %.3f vs %.3f ms%n",
                    model, inC1.p50Millis, outC1.p50Millis, outC1.p50Millis - inC1.p50Millis, inC1.p99Millis, outC1.p99Millis);
            if (model.equals("mlp")) {
                mlpCapacity = out32.perSecond;
            }
            deployments.undeploy(model + "-b32");
            deployments.undeploy(model + "-b1");
        }
        overload(mlpCapacity, overloadSeconds);
    }

    private void deploy(String endpoint, String model, BatchPolicy policy) {
        deployments.deploy(DeploymentSpec.of(endpoint, model, "1", policy).withWarmupBatches(4));
    }

    private record Result(double perSecond, double p50Millis, double p99Millis) {}

    /** Closed loop: {@code clients} threads, each one request at a time, for the phase duration (after 1 s warm-up). */
    private Result measure(String endpointName, boolean served, int clients) throws Exception {
        Endpoint endpoint = deployments.get(endpointName);
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(phaseSeconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            threads.add(Thread.ofPlatform().start(() -> {
                Map<String, Tensor> input = SyntheticModels.input(new Random(seed), 1);
                byte[] body = binary(input.get("x"));
                String path = "/api/v1/endpoints/" + endpointName + "/predict";
                while (true) {
                    long start = System.nanoTime();
                    if (start > end) {
                        return;
                    }
                    try {
                        if (served) {
                            AggregatedHttpResponse response = web.execute(request(path, body)).aggregate().join();
                            if (response.status().code() != 200) {
                                throw new IllegalStateException("HTTP " + response.status());
                            }
                        } else {
                            endpoint.predict(input).get();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    long now = System.nanoTime();
                    if (start >= warmupEnd) {
                        recorder.recordValue((now - start) / 1000);
                        done.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        var histogram = recorder.getIntervalHistogram();
        return new Result(done.get() / (double) phaseSeconds, histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0);
    }

    /** Open loop at 2x capacity against a queue of 64: admitted p99 stays bounded, the rest get 429. */
    private void overload(double capacity, int seconds) throws Exception {
        deploy("mlp-overload", "mlp", new BatchPolicy(32, Duration.ofNanos(500_000), 64, Duration.ofSeconds(5), 1));
        double rate = 2 * capacity;
        Recorder admitted = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong other = new AtomicLong();
        byte[] body = binary(SyntheticModels.input(new Random(1), 1).get("x"));
        String path = "/api/v1/endpoints/mlp-overload/predict";
        System.gc();
        long heapBefore = usedHeap();
        long maxHeapDuring = heapBefore;
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / rate);
        long sent = 0;
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
        System.out.printf("%n[overload] %ds at %.0f req/s (2x served capacity %.0f/s), queue 64: sent %d, ok %d, 429 %d (%.1f%%), other errors %d%n",
                seconds, rate, capacity, sent, ok.get(), rejected.get(), 100.0 * rejected.get() / Math.max(1, total), other.get());
        System.out.printf("[overload] admitted latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; heap used after GC %d MiB before, %d MiB after, max sampled %d MiB%n",
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0, heapBefore >> 20, heapAfter >> 20, maxHeapDuring >> 20);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The binary tensor body (see keel-server BinaryTensors): one tensor named x. */
    private static byte[] binary(Tensor x) {
        byte[] name = "x".getBytes(StandardCharsets.UTF_8);
        byte[] data = x.bytes();
        ByteBuffer out = ByteBuffer.allocate(9 + 2 + name.length + 2 + 8 * x.rank() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("KTNS".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).putInt(1);
        out.putShort((short) name.length).put(name).put((byte) x.dtype().ordinal()).put((byte) x.rank());
        for (long dimension : x.shape()) {
            out.putLong(dimension);
        }
        return out.put(data).array();
    }
}
