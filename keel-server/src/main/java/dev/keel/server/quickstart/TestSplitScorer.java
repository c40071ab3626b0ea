package dev.keel.server.quickstart;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.client.KeelClient;
import dev.keel.client.endpoints.EndpointsClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a dataset version's test split, one image per request, through a deployed endpoint's real HTTP predict
 * route from a few client threads (so the dynamic batcher has company), and measures what a client sees:
 * accuracy against the labels and the latency of each request.
 */
final class TestSplitScorer {
    private final KeelClient client;
    private final int threads;

    TestSplitScorer(KeelClient client, int threads) {
        this.client = requireNonNull(client, "client is null");
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        this.threads = threads;
    }

    /** What one pass over the test split measured. */
    record Score(int requests, int correct, long[] latencyNanos, List<String> versions) {
        /** Keeps a sorted copy of the latencies, so each percentile is one lookup. */
        Score {
            latencyNanos = latencyNanos.clone();
            Arrays.sort(latencyNanos);
        }

        double accuracy() {
            return requests == 0 ? 0 : (double) correct / requests;
        }

        double percentileMillis(double percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, index))] / 1e6;
        }

        String describe() {
            return String.format(Locale.ROOT, "accuracy %.4f on %d test images; latency p50 %.2f ms, p90 %.2f ms,"
                    + " p99 %.2f ms", accuracy(), requests, percentileMillis(50), percentileMillis(90),
                    percentileMillis(99));
        }
    }

    /** Labelled examples of the test split, already normalised as the trainer did. */
    record Example(float[] pixels, int[] shape, int label) {}

    /** Reads the {@code test} split of {@code dataset@ref} through the records API. */
    List<Example> testSplit(String dataset, String ref, float mean, float std) {
        List<Example> examples = new ArrayList<>();
        client.datasets().records(dataset, ref, "test", 512, 0, -1, batch -> {
            for (JsonNode row : batch.path("rows")) {
                JsonNode image = row.path("values").path("image");
                byte[] raw = Base64.getDecoder().decode(image.path("data").asText());
                float[] pixels = new float[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    pixels[i] = ((raw[i] & 0xff) - mean) / std;
                }
                int[] shape = new int[image.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = image.path("shape").get(i).asInt();
                }
                examples.add(new Example(pixels, shape, row.path("values").path("label").asInt()));
            }
        });
        return examples;
    }

    /** Predicts every example through {@code POST /api/v1/endpoints/{endpoint}/predict}. */
    Score score(String endpoint, List<Example> examples) throws InterruptedException {
        EndpointsClient endpoints = new EndpointsClient(client);
        long[] latencies = new long[examples.size()];
        boolean[] correct = new boolean[examples.size()];
        String[] versions = new String[examples.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("quickstart-client-", 0)
                .daemon(true).factory());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < examples.size(); i = next.getAndIncrement()) {
                        Example example = examples.get(i);
                        ObjectNode body = request(example);
                        long start = System.nanoTime();
                        JsonNode answer = endpoints.predict(endpoint, body);
                        latencies[i] = System.nanoTime() - start;
                        correct[i] = argmax(answer.path("outputs").elements().next().path("data")) == example.label();
                        versions[i] = answer.path("version").asText();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int right = 0;
        for (boolean hit : correct) {
            right += hit ? 1 : 0;
        }
        return new Score(examples.size(), right, latencies, Arrays.stream(versions).distinct().sorted().toList());
    }

    private ObjectNode request(Example example) {
        ObjectNode body = client.json().createObjectNode();
        ObjectNode input = body.putObject("inputs").putObject("input");
        input.put("dtype", "float32");
        ArrayNode shape = input.putArray("shape").add(1).add(1);
        for (int dimension : example.shape()) {
            shape.add(dimension);
        }
        ArrayNode data = input.putArray("data");
        for (float pixel : example.pixels()) {
            data.add(pixel);
        }
        return body;
    }

    private static int argmax(JsonNode logits) {
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.size(); i++) {
            if (logits.get(i).asDouble() > bestValue) {
                bestValue = logits.get(i).asDouble();
                best = i;
            }
        }
        return best;
    }
}
