package dev.keel.serve.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {
    private final FakeTicker ticker = new FakeTicker();
    private final List<DynamicBatcher<?, ?>> batchers = new ArrayList<>();

    @AfterEach
    void closeBatchers() {
        batchers.forEach(DynamicBatcher::close);
    }

    private DynamicBatcher<Integer, Integer> batcher(GatedModel model, int maxBatch, Duration delay, int capacity,
            int workers, BatchListener listener) {
        BatchPolicy policy = new BatchPolicy(maxBatch, delay, capacity, Duration.ofSeconds(5), workers);
        DynamicBatcher<Integer, Integer> batcher = new DynamicBatcher<>("test", policy, model, input -> 1, ticker,
                Thread.ofPlatform().daemon(true).factory(), listener);
        batchers.add(batcher);
        return batcher;
    }

    private static Integer get(CompletableFuture<Integer> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void formsBatchesUpToMaxSizeFromQueuedRequests() throws Exception {
        GatedModel model = new GatedModel(true);
        DynamicBatcher<Integer, Integer> batcher = batcher(model, 4, Duration.ZERO, 100, 1, BatchListener.NONE);
        CompletableFuture<Integer> blocker = batcher.submit(0);
        model.awaitCalls(1); // worker busy: everything below queues up
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            futures.add(batcher.submit(i));
        }
        model.releaseAll();
        get(blocker);
        for (int i = 0; i < 10; i++) {
            assertThat(get(futures.get(i))).isEqualTo((i + 1) * 2);
        }
        assertThat(model.calls).containsExactly(List.of(0), List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of(9, 10));
    }

    @Test
    void zeroDelayTakesWhatIsQueuedWithoutWaiting() throws Exception {
        GatedModel model = new GatedModel(false);
        DynamicBatcher<Integer, Integer> batcher = batcher(model, 32, Duration.ZERO, 100, 1, BatchListener.NONE);
        // The fake clock never moves, so a batcher that waited for more would hang here.
        assertThat(get(batcher.submit(21))).isEqualTo(42);
        assertThat(model.calls).containsExactly(List.of(21));
    }

    @Test
    void waitsForMoreRequestsWhileTheDelayHasNotPassed() throws Exception {
        GatedModel model = new GatedModel(false);
        DynamicBatcher<Integer, Integer> batcher = batcher(model, 3, Duration.ofSeconds(30), 100, 1, BatchListener.NONE);
        CompletableFuture<Integer> first = batcher.submit(1);
        CompletableFuture<Integer> second = batcher.submit(2);
        CompletableFuture<Integer> third = batcher.submit(3);
        assertThat(List.of(get(first), get(second), get(third))).containsExactly(2, 4, 6);
        assertThat(model.calls).containsExactly(List.of(1, 2, 3));
    }

    @Test
    void rejectsImmediatelyWhenTheQueueIsFull() throws Exception {
        GatedModel model = new GatedModel(true);
        AtomicInteger rejected = new AtomicInteger();
        BatchListener listener = new BatchListener() {
            @Override
            public void rejected() {
                rejected.incrementAndGet();
            }
        };
        DynamicBatcher<Integer, Integer> batcher = batcher(model, 1, Duration.ZERO, 2, 1, listener);
        CompletableFuture<Integer> running = batcher.submit(1);
        model.awaitCalls(1);
        CompletableFuture<Integer> queued1 = batcher.submit(2);
        CompletableFuture<Integer> queued2 = batcher.submit(3);
        CompletableFuture<Integer> over = batcher.submit(4);

        assertThat(over).isCompletedExceptionally();
        assertThatThrownBy(over::join).cause().isInstanceOf(KeelException.class)
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(rejected).hasValue(1);
        model.releaseAll();
        assertThat(List.of(get(running), get(queued1), get(queued2))).containsExactly(2, 4, 6);
    }

    @Test
    void answersExpiredRequestsWithTimeoutAndNeverComputesThem() throws Exception {
        GatedModel model = new GatedModel(true);
        DynamicBatcher<Integer, Integer> batcher = batcher(model, 8, Duration.ZERO, 100, 1, BatchListener.NONE);
        CompletableFuture<Integer> running = batcher.submit(1);
        model.awaitCalls(1);
        CompletableFuture<Integer> expiring = batcher.submit(2, Duration.ofMillis(100));
        CompletableFuture<Integer> patient = batcher.submit(3, Duration.ofSeconds(60));
        ticker.advance(Duration.ofSeconds(1));
        model.releaseAll();

        assertThat(get(running)).isEqualTo(2);
        assertThat(get(patient)).isEqualTo(6);
        assertThatThrownBy(() -> get(expiring)).isInstanceOf(ExecutionException.class).cause()
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
        assertThat(model.calls).noneMatch(call -> call.contains(2));
    }

    @Test
    void oneBadItemDoesNotFailTheOthersInItsBatch() throws Exception {
        GatedModel model = new GatedModel(false);
        DynamicBatcher<Integer, Integer> batcher = batcher(model, 3, Duration.ofSeconds(30), 100, 1, BatchListener.NONE);
        CompletableFuture<Integer> good1 = batcher.submit(1);
        CompletableFuture<Integer> bad = batcher.submit(-1);
        CompletableFuture<Integer> good2 = batcher.submit(2);

        assertThat(get(good1)).isEqualTo(2);
        assertThat(get(good2)).isEqualTo(4);
        assertThatThrownBy(() -> get(bad)).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative input -1");
        assertThat(model.calls.getFirst()).containsExactly(1, -1, 2);
    }

    @Test
    void workerSurvivesErrorsThrownByTheModel() throws Exception {
        GatedModel model = new GatedModel(false);
        DynamicBatcher<Integer, Integer> batcher = batcher(model, 1, Duration.ZERO, 100, 1, BatchListener.NONE);
        CompletableFuture<Integer> fatal = batcher.submit(666);
        assertThatThrownBy(() -> get(fatal)).cause().isInstanceOf(OutOfMemoryError.class);
        assertThat(get(batcher.submit(5))).isEqualTo(10);
    }

    @Test
    void rejectsARequestWithMoreRowsThanTheMaxBatch() {
        BatchPolicy policy = new BatchPolicy(4, Duration.ZERO, 10, Duration.ofSeconds(5), 1);
        DynamicBatcher<List<Integer>, Integer> batcher = new DynamicBatcher<>("rows", policy,
                inputs -> inputs.stream().map(List::size).toList(), List::size, ticker,
                Thread.ofPlatform().daemon(true).factory(), BatchListener.NONE);
        batchers.add(batcher);

        CompletableFuture<Integer> tooBig = batcher.submit(List.of(1, 2, 3, 4, 5));
        assertThatThrownBy(tooBig::join).cause()
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE))
                .hasMessageContaining("limit of 4");
    }

    @Test
    void aBatchFilledByRowsRunsWithoutWaitingOutTheDelay() throws Exception {
        List<List<List<Integer>>> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        BatchPolicy policy = new BatchPolicy(4, Duration.ofSeconds(30), 10, Duration.ofSeconds(60), 1);
        DynamicBatcher<List<Integer>, Integer> batcher = new DynamicBatcher<>("rows", policy, inputs -> {
            calls.add(List.copyOf(inputs));
            return inputs.stream().map(List::size).toList();
        }, List::size, ticker, Thread.ofPlatform().daemon(true).factory(), BatchListener.NONE);
        batchers.add(batcher);

        // The fake clock never reaches the 30 s delay: only the fourth row can end this batch.
        CompletableFuture<Integer> one = batcher.submit(List.of(1));
        CompletableFuture<Integer> three = batcher.submit(List.of(2, 3, 4));

        assertThat(get(one)).isEqualTo(1);
        assertThat(get(three)).isEqualTo(3);
        assertThat(calls).containsExactly(List.of(List.of(1), List.of(2, 3, 4)));
    }

    @Test
    void closeDrainsQueuedRequestsThenRefusesNewOnes() throws Exception {
        GatedModel model = new GatedModel(true);
        DynamicBatcher<Integer, Integer> batcher = batcher(model, 1, Duration.ZERO, 100, 2, BatchListener.NONE);
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(batcher.submit(i));
        }
        model.awaitCalls(2);
        model.releaseAll();
        batcher.close();
        for (int i = 0; i < 6; i++) {
            assertThat(futures.get(i)).isCompletedWithValue(i * 2);
        }
        assertThatThrownBy(() -> batcher.submit(7).join()).cause()
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.NOT_READY));
    }

    @Test
    void rejectsAnInvalidPolicyListingEveryProblem() {
        assertThatThrownBy(() -> new BatchPolicy(0, Duration.ofMillis(-1), 0, Duration.ZERO, 0))
                .isInstanceOf(KeelException.class)
                .satisfies(e -> assertThat(((KeelException) e).details()).hasSize(5));
    }
}
