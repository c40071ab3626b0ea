package dev.keel.serve.batching;

/** A source of monotonic nanoseconds (Caffeine's {@code Ticker}); tests pass a hand-driven one. */
@FunctionalInterface
public interface Ticker {
    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
