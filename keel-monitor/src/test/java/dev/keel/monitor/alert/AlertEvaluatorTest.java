package dev.keel.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.monitor.MutableClock;
import dev.keel.monitor.series.Labels;
import dev.keel.monitor.series.Retention;
import dev.keel.monitor.series.Sample;
import dev.keel.monitor.series.SampleWriter;
import dev.keel.monitor.series.SeriesQueries;
import dev.keel.monitor.series.SeriesRepository;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertEvaluatorTest {
    private static final long MINUTE = 60_000;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private AlertEvaluator evaluator(MetadataStore store, MutableClock clock) {
        SeriesQueries queries = new SeriesQueries(new SeriesRepository(store), Retention.defaults(), clock);
        WebhookNotifier notifier = new WebhookNotifier(HttpClient.newHttpClient(), executor, Duration.ofSeconds(2),
                Duration.ofMillis(10), 5, 10);
        return new AlertEvaluator(new AlertRepository(store, clock), queries, notifier, clock, new Random(1));
    }

    private static void errors(SampleWriter writer, MutableClock clock, double value) {
        writer.record(new Sample("errors", Labels.of("endpoint", "shop"), clock.millis() - 1, value));
        writer.flush();
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void storesFiringThenResolvedAndPostsBothToTheWebhook(String kind) throws Exception {
        try (MetadataStore store = TestDatabases.open(kind, dir); WebhookServer hook = new WebhookServer(1)) {
            MutableClock clock = new MutableClock(100 * MINUTE);
            AlertRepository alerts = new AlertRepository(store, clock);
            alerts.create(Rules.errors(Optional.of(hook.uri())));
            SampleWriter writer = new SampleWriter(new SeriesRepository(store), 100);
            AlertEvaluator evaluator = evaluator(store, clock);
            double[] perMinute = {9, 9, 9, 9, 1, 9, 1, 1, 1};
            for (double value : perMinute) {
                errors(writer, clock, value);
                evaluator.evaluateAll();
                clock.advance(Duration.ofMinutes(1));
            }

            List<AlertEvent> events = alerts.events(Optional.empty(), 0, 10);
            assertThat(events).extracting(AlertEvent::state).containsExactly("resolved", "firing");
            assertThat(events.get(1).at()).isEqualTo(102 * MINUTE);
            assertThat(events.get(0).at()).isEqualTo(107 * MINUTE);
            assertThat(events.get(1).labels()).containsEntry("team", "ml").containsEntry("endpoint", "shop");
            long until = System.nanoTime() + 20_000_000_000L;
            while (hook.received().size() < 2 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(hook.received()).extracting(b -> new ObjectMapper().readTree(b).path("state").asText())
                    .containsExactlyInAnyOrder("firing", "resolved");
        }
    }

    @Test
    void aSecondServerEvaluatingTheSameRuleDoesNotFireItAgain() {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            MutableClock clock = new MutableClock(100 * MINUTE);
            new AlertRepository(store, clock).create(new AlertRule("r0", "any-errors", "errors", java.util.Map.of(),
                    dev.keel.monitor.series.Aggregation.MAX, Comparison.GE, 1, Duration.ofMinutes(1), Duration.ZERO,
                    "warning", java.util.Map.of(), Optional.empty()));
            errors(new SampleWriter(new SeriesRepository(store), 10), clock, 3);

            int emitted = evaluator(store, clock).evaluateAll().size() + evaluator(store, clock).evaluateAll().size();

            assertThat(emitted).isEqualTo(1);
            assertThat(new AlertRepository(store, clock).events(Optional.empty(), 0, 10)).hasSize(1);
        }
    }

    @Test
    void aTransitionFromAStaleStateLosesAndStoresNoEvent() {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            AlertRepository alerts = new AlertRepository(store, new MutableClock(0));
            AlertState firing = new AlertState(AlertState.Phase.FIRING, 5);
            AlertEvent event = new AlertEvent("e", "r", "n", "firing", "info", 1.0, 0, java.util.Map.of(), "m", 5);

            boolean first = alerts.transition("r", Optional.empty(), firing, 1.0, Optional.of(event));
            boolean second = alerts.transition("r", Optional.empty(), firing, 1.0,
                    Optional.of(new AlertEvent("e2", "r", "n", "firing", "info", 1.0, 0, java.util.Map.of(), "m", 5)));
            boolean stale = alerts.transition("r", Optional.of(AlertState.ok(0)), AlertState.ok(6), null, Optional.empty());

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            assertThat(stale).isFalse();
            assertThat(alerts.events(Optional.empty(), 0, 10)).extracting(AlertEvent::id).containsExactly("e");
            assertThat(alerts.state("r")).contains(firing);
        }
    }

    @Test
    void noDataNeverFires() {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            MutableClock clock = new MutableClock(100 * MINUTE);
            new AlertRepository(store, clock).create(Rules.errors(Optional.empty()));
            AlertEvaluator evaluator = evaluator(store, clock);
            for (int i = 0; i < 5; i++) {
                assertThat(evaluator.evaluateAll()).isEmpty();
                clock.advance(Duration.ofMinutes(1));
            }
        }
    }

    @Test
    void ruleNamesAreUniqueAndDeletedRulesAreGone() {
        try (MetadataStore store = TestDatabases.open("sqlite", dir)) {
            AlertRepository alerts = new AlertRepository(store, new MutableClock(0));
            alerts.create(Rules.errors(Optional.empty()));

            assertThatThrownBy(() -> alerts.create(Rules.errors(Optional.empty())))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
            alerts.delete("errors-high");
            assertThat(alerts.rules()).isEmpty();
            assertThatThrownBy(() -> alerts.delete("errors-high"))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }
}
