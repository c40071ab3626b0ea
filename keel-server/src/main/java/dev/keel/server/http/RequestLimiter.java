package dev.keel.server.http;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.util.concurrent.Semaphore;

/**
 * Bounds the API requests in flight; one more is refused at once with 429 rather than queued, so an
 * overloaded server sheds load instead of building an unbounded backlog.
 */
final class RequestLimiter {
    private final int max;
    private final Semaphore permits;

    RequestLimiter(int max) {
        this.max = max;
        this.permits = new Semaphore(max);
    }

    /** Takes a permit or fails with RATE_LIMITED; pair with {@link #release()}. */
    void acquire() {
        if (!permits.tryAcquire()) {
            throw new KeelException(ErrorCode.RATE_LIMITED,
                    "too many concurrent requests (limit " + max + ", server.maxConcurrentRequests); retry later");
        }
    }

    void release() {
        permits.release();
    }
}
