package dev.keel.workflow.engine;

/**
 * Runs one attempt of a step. It runs on an engine worker thread and may block (waiting for a job, a process);
 * it must return promptly once the thread is interrupted (timeout or cancel). A thrown exception fails the
 * attempt with its message as the reason; {@link StepFailure#permanent} fails it without further retries.
 */
@FunctionalInterface
public interface StepExecutor {
    StepResult execute(StepContext context) throws Exception;
}
