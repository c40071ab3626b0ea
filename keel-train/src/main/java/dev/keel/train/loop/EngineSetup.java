package dev.keel.train.loop;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;

/**
 * Starts DJL's PyTorch engine the way every Keel process must: offline (libtorch comes from the class path,
 * never downloaded), no telemetry, and {@code threads} intra-op and one inter-op thread. DJL's engine is a
 * process-wide singleton: the intra-op count is the last caller's, so runs in one process go one at a time.
 */
public final class EngineSetup {
    private EngineSetup() {}

    public static Engine pytorch(int threads) {
        if (threads < 1) {
            throw KeelException.invalid("engine.threads: " + threads + " (expected: >= 1)");
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        if (!"true".equalsIgnoreCase(System.getenv("OPT_OUT_TRACKING"))) {
            // The environment variable is DJL's own switch; the property covers processes started without it.
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        try {
            Engine engine = Engine.getEngine("PyTorch");
            // The properties only count when the engine starts; a later run asking for another count sets it here.
            if (JniUtils.getNumThreads() != threads) {
                JniUtils.setNumThreads(threads);
            }
            return engine;
        } catch (RuntimeException e) {
            throw new KeelException(ErrorCode.INTERNAL, "cannot start the PyTorch engine (is ai.djl.pytorch:"
                    + "pytorch-native-cpu:linux-x86_64 on the class path?): " + e.getMessage(), e);
        }
    }
}
