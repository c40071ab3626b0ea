package dev.keel.serve.batching;

import java.util.List;

/**
 * The work a batcher runs: one output per input, in order. If a call throws, the batcher retries each item
 * of that batch on its own so one bad input fails only its own request.
 */
@FunctionalInterface
public interface BatchFunction<I, O> {
    List<O> apply(List<I> inputs) throws Exception;
}
