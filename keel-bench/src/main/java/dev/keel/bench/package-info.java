/**
 * Benchmarks: each main measures Keel side by side with a baseline in the same run (a ratio holds on a noisy
 * shared machine where absolute times drift) and prints the command to rerun it. Run with
 * {@code scripts/bench CLASS [args]}.
 */
package dev.keel.bench;
