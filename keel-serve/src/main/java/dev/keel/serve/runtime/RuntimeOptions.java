package dev.keel.serve.runtime;

/** Per-runtime tuning; one intra-op thread by default so a server's workers do not oversubscribe the cores. */
public record RuntimeOptions(int intraOpThreads) {
    public RuntimeOptions {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads: " + intraOpThreads + " (expected: >= 1)");
        }
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(1);
    }
}
