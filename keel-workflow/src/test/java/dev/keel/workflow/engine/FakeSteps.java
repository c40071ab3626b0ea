package dev.keel.workflow.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hand-written step types for engine tests, counting every execution per run and step: {@code emit} outputs its
 * {@code value}; {@code flaky} fails until attempt {@code succeedOn}; {@code sleep} sleeps {@code millis}
 * (interruptibly) then outputs; {@code attach} records an external ref and sleeps, or, given one, outputs it;
 * {@code fail} fails permanently.
 */
final class FakeSteps {
    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> interrupts = new ConcurrentHashMap<>();

    List<StepType> types() {
        return List.of(
                StepType.of("emit", Set.of("value"), Set.of(), context -> {
                    count(executions, context);
                    context.log("emitting " + context.text("value"));
                    return StepResult.of(Map.of("value", context.text("value")));
                }),
                StepType.of("flaky", Set.of("succeedOn"), Set.of(), context -> {
                    count(executions, context);
                    if (context.attempt() < Integer.parseInt(context.text("succeedOn"))) {
                        throw new IllegalStateException("flaked on attempt " + context.attempt());
                    }
                    return StepResult.of(Map.of("attempt", Integer.toString(context.attempt())));
                }),
                StepType.of("sleep", Set.of("millis"), Set.of(), context -> {
                    count(executions, context);
                    try {
                        Thread.sleep(Long.parseLong(context.text("millis")));
                    } catch (InterruptedException e) {
                        count(interrupts, context);
                        throw e;
                    }
                    return StepResult.of(Map.of("slept", context.text("millis")));
                }),
                StepType.of("attach", Set.of(), Set.of(), context -> {
                    count(executions, context);
                    if (context.externalRef().isPresent()) {
                        return StepResult.of(Map.of("reattached", context.externalRef().get()));
                    }
                    context.recordExternalRef("job-of-" + context.runId());
                    Thread.sleep(60_000);
                    return StepResult.of(Map.of("reattached", "no"));
                }),
                StepType.of("fail", Set.of(), Set.of(), context -> {
                    count(executions, context);
                    throw StepFailure.permanent("failed on purpose");
                }));
    }

    int executions(String runId, String step) {
        return executions.getOrDefault(runId + "/" + step, new AtomicInteger()).get();
    }

    int interrupts(String runId, String step) {
        return interrupts.getOrDefault(runId + "/" + step, new AtomicInteger()).get();
    }

    private static void count(Map<String, AtomicInteger> counts, StepContext context) {
        counts.computeIfAbsent(context.runId() + "/" + context.stepName(), k -> new AtomicInteger()).incrementAndGet();
    }
}
