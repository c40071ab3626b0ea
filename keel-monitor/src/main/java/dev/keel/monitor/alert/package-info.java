/**
 * Alert rules over any series (serving metrics or drift scores), the pending → firing → resolved state
 * machine that keeps them from flapping, the scheduled evaluator that stores alert events, and the webhook
 * notifier that retries with backoff on its own executor.
 */
package dev.keel.monitor.alert;
