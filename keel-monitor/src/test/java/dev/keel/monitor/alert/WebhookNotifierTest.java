package dev.keel.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static AlertEvent event() {
        return new AlertEvent("e1", "rule-1", "errors-high", "firing", "critical", 7.5, 5, Map.of("team", "ml"),
                "errors avg over PT1M > 5.0 (value 7.5)", 1_700_000_000_000L);
    }

    @Test
    void retriesAFailingWebhookWithBackoffUntilItAccepts() throws Exception {
        try (WebhookServer hook = new WebhookServer(2)) {
            WebhookNotifier notifier = new WebhookNotifier(client, executor, Duration.ofSeconds(2),
                    Duration.ofMillis(20), 5, 10);

            assertThat(notifier.send(hook.uri(), event())).isTrue();
            awaitZero(notifier);

            assertThat(hook.attempts()).isEqualTo(3);
            assertThat(hook.received()).singleElement().satisfies(body -> assertThat(body)
                    .contains("\"rule\":\"errors-high\"").contains("\"state\":\"firing\"")
                    .contains("\"value\":7.5").contains("\"team\":\"ml\""));
        }
    }

    @Test
    void anUnreachableWebhookDoesNotBlockTheSenderAndIsGivenUpAfterMaxAttempts() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebhookNotifier notifier = new WebhookNotifier(client, executor, Duration.ofMillis(500),
                Duration.ofMillis(10), 3, 10);
        // The executor is busy for a while: send must still return at once, having only queued the attempt.
        executor.execute(() -> sleep(300));

        assertThat(notifier.send(URI.create("http://127.0.0.1:" + closedPort + "/hook"), event())).isTrue();
        assertThat(notifier.pending()).isEqualTo(1);
        awaitZero(notifier);
    }

    @Test
    void dropsDeliveriesBeyondTheInFlightLimit() {
        WebhookNotifier notifier = new WebhookNotifier(client, executor, Duration.ofSeconds(1), Duration.ofSeconds(10),
                3, 1);
        executor.execute(() -> sleep(500));
        URI nowhere = URI.create("http://127.0.0.1:9/hook");

        assertThat(notifier.send(nowhere, event())).isTrue();
        assertThat(notifier.send(nowhere, event())).isFalse();
    }

    private static void awaitZero(WebhookNotifier notifier) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (notifier.pending() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(notifier.pending()).as("deliveries still pending").isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
