package dev.keel.workflow.engine;

/** A step failure with a reason; a permanent one is not retried (bad params, a candidate that cannot be found). */
public final class StepFailure extends RuntimeException {
    private final boolean permanent;

    private StepFailure(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public static StepFailure retryable(String message) {
        return new StepFailure(message, false);
    }

    public static StepFailure permanent(String message) {
        return new StepFailure(message, true);
    }

    public boolean isPermanent() {
        return permanent;
    }
}
