package dev.keel.train.job;

import java.util.Map;
import java.util.OptionalInt;

/** Words for a worker's exit status, for the reason of a failed job. */
public final class ExitCauses {
    private static final Map<Integer, String> SIGNALS = Map.of(
            1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 4, "SIGILL", 6, "SIGABRT", 8, "SIGFPE", 9, "SIGKILL",
            11, "SIGSEGV", 15, "SIGTERM");

    private ExitCauses() {}

    /**
     * {@code worker exited with code 137 (killed: SIGKILL, possibly out of memory)}. A shell-style code above 128
     * is a signal: Java reports a child killed by signal N as exit code 128 + N.
     */
    public static String describe(OptionalInt exitCode) {
        if (exitCode.isEmpty()) {
            return "worker exited (exit code unknown: it was started by an earlier server process)";
        }
        int code = exitCode.getAsInt();
        StringBuilder text = new StringBuilder("worker exited with code ").append(code);
        if (code > 128 && code < 160) {
            int signal = code - 128;
            text.append(" (killed: ").append(SIGNALS.getOrDefault(signal, "signal " + signal));
            if (signal == 9) {
                text.append(", possibly out of memory");
            }
            text.append(')');
        }
        return text.toString();
    }
}
