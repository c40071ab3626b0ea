package dev.keel.serve.batching;

import java.util.concurrent.CompletableFuture;

/** One queued request: its input, how many rows it carries, when it arrived, when it expires. */
record Pending<I, O>(I input, int rows, long enqueuedNanos, long deadlineNanos, CompletableFuture<O> future) {}
