package dev.keel.monitor.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.KeelException;
import dev.keel.monitor.MutableClock;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store contract on both engines: writes, rollups, retention and queries at each resolution. */
class SeriesStoreTest {
    private static final long T0 = 1_700_000_040_000L - 1_700_000_040_000L % 3_600_000L; // an hour boundary
    private static final Retention RETENTION = new Retention(Duration.ofHours(2), Duration.ofDays(2), Duration.ofDays(30));

    @TempDir
    Path dir;

    private record Fixture(MetadataStore store, SeriesRepository series, SampleWriter writer, Compactor compactor,
            SeriesQueries queries, MutableClock clock) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }

    private Fixture open(String kind) {
        MetadataStore store = TestDatabases.open(kind, dir);
        MutableClock clock = new MutableClock(T0);
        SeriesRepository series = new SeriesRepository(store);
        return new Fixture(store, series, new SampleWriter(series, 10_000),
                new Compactor(series, RETENTION, Duration.ofSeconds(30), clock),
                new SeriesQueries(series, RETENTION, clock), clock);
    }

    /** Requests: 1 per second for 10 minutes on endpoint a, 2 per second on endpoint b. */
    private static void writeTraffic(Fixture f) {
        for (int second = 0; second < 600; second++) {
            long ts = T0 + second * 1000L;
            f.writer().record(new Sample("requests", Labels.of("endpoint", "a", "version", "1"), ts, 1));
            f.writer().record(new Sample("requests", Labels.of("endpoint", "b", "version", "1"), ts, 2));
            f.writer().record(new Sample("latency", Labels.of("endpoint", "a"), ts, second % 10));
        }
        f.writer().flush();
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void batchedWritesAreQueryableAsRatesGroupedByLabel(String kind) {
        try (Fixture f = open(kind)) {
            writeTraffic(f);
            f.clock().set(T0 + 600_000);

            QueryResult result = f.queries().query(new SeriesQuery("requests", Map.of(), T0, T0 + 600_000,
                    Duration.ofMinutes(5), Aggregation.RATE, List.of("endpoint")));

            assertThat(result.resolution()).isEqualTo(Resolution.RAW);
            assertThat(result.series()).extracting(s -> s.labels().values().get("endpoint")).containsExactly("a", "b");
            assertThat(result.series().get(0).points()).extracting(QueryResult.Point::value).containsExactly(1.0, 1.0);
            assertThat(result.series().get(1).points()).extracting(QueryResult.Point::value).containsExactly(2.0, 2.0);
            assertThat(result.series().get(0).points()).extracting(QueryResult.Point::timestampMillis)
                    .containsExactly(T0, T0 + 300_000);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void labelMatchersSelectSeriesAndQuantilesComeFromRawValues(String kind) {
        try (Fixture f = open(kind)) {
            writeTraffic(f);
            f.clock().set(T0 + 600_000);

            QueryResult sum = f.queries().query(new SeriesQuery("requests", Map.of("endpoint", "b"), T0, T0 + 600_000,
                    Duration.ofMinutes(10), Aggregation.SUM, List.of()));
            QueryResult p90 = f.queries().query(new SeriesQuery("latency", Map.of(), T0, T0 + 600_000,
                    Duration.ofMinutes(10), Aggregation.P90, List.of()));

            assertThat(sum.series()).singleElement().satisfies(s -> assertThat(s.points())
                    .containsExactly(new QueryResult.Point(T0, 1200)));
            assertThat(p90.series().getFirst().points().getFirst().value()).isEqualTo(8.0);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void labelMatchersAreExactEvenForValuesWithSqlWildcardsQuotesAndBackslashes(String kind) {
        try (Fixture f = open(kind)) {
            String odd = "a_b%!\"c\\d";
            f.writer().record(new Sample("hits", Labels.of("endpoint", odd), T0, 1));
            f.writer().record(new Sample("hits", Labels.of("endpoint", "aXbYY!\"c\\d"), T0, 10));
            f.writer().record(new Sample("hits", Labels.of("endpoint", odd + "-other"), T0, 100));
            f.writer().flush();
            f.clock().set(T0 + 60_000);

            QueryResult result = f.queries().query(new SeriesQuery("hits", Map.of("endpoint", odd), T0, T0 + 60_000,
                    Duration.ofMinutes(1), Aggregation.SUM, List.of()));

            assertThat(result.series()).singleElement()
                    .satisfies(s -> assertThat(s.points()).containsExactly(new QueryResult.Point(T0, 1)));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void rollupsKeepAveragesMinimaMaximaAndRatesExact(String kind) {
        try (Fixture f = open(kind)) {
            writeTraffic(f);
            f.clock().set(T0 + Duration.ofHours(5).toMillis()); // raw retention (2 h) no longer covers T0

            f.compactor().compact();
            Map<Aggregation, Double> expected = Map.of(Aggregation.AVG, 4.5, Aggregation.MIN, 0.0,
                    Aggregation.MAX, 9.0, Aggregation.COUNT, 600.0);
            for (Map.Entry<Aggregation, Double> e : expected.entrySet()) {
                QueryResult result = f.queries().query(new SeriesQuery("latency", Map.of(), T0, T0 + 600_000,
                        Duration.ofMinutes(10), e.getKey(), List.of()));
                assertThat(result.resolution()).isEqualTo(Resolution.MINUTE);
                assertThat(result.series().getFirst().points().getFirst().value()).as(e.getKey().name())
                        .isEqualTo(e.getValue());
            }
            QueryResult rate = f.queries().query(new SeriesQuery("requests", Map.of("endpoint", "a"), T0,
                    T0 + 600_000, Duration.ofSeconds(10), Aggregation.RATE, List.of()));
            assertThat(rate.step()).as("step raised to the resolution").isEqualTo(Duration.ofMinutes(1));
            assertThat(rate.series().getFirst().points()).hasSize(10).allSatisfy(p -> assertThat(p.value()).isEqualTo(1.0));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void hourRollupsServeRangesPastMinuteRetention(String kind) {
        try (Fixture f = open(kind)) {
            writeTraffic(f);
            f.clock().set(T0 + Duration.ofDays(3).toMillis());
            f.compactor().compact();

            QueryResult result = f.queries().query(new SeriesQuery("requests", Map.of(), T0, T0 + 3_600_000,
                    Duration.ofHours(1), Aggregation.SUM, List.of("endpoint")));

            assertThat(result.resolution()).isEqualTo(Resolution.HOUR);
            assertThat(result.series()).extracting(s -> s.points().getFirst().value()).containsExactly(600.0, 1200.0);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void compactionIsIdempotentAcrossRunsAndServers(String kind) {
        try (Fixture f = open(kind)) {
            writeTraffic(f);
            f.clock().set(T0 + Duration.ofMinutes(30).toMillis());
            Compactor otherServer = new Compactor(f.series(), RETENTION, Duration.ofSeconds(30), f.clock());

            f.compactor().compact();
            otherServer.compact();
            f.compactor().compact();

            assertThat(f.series().rollups("requests", Resolution.MINUTE, T0, T0 + 3_600_000))
                    .hasSize(20).allSatisfy(c -> assertThat(c.count()).isEqualTo(60));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void retentionPrunesRawSamplesOnlyAfterTheyAreRolledUp(String kind) {
        try (Fixture f = open(kind)) {
            writeTraffic(f);
            f.clock().set(T0 + Duration.ofHours(3).toMillis());

            f.compactor().compact();

            assertThat(f.series().raw("requests", 0, Long.MAX_VALUE)).isEmpty();
            assertThat(f.series().rollups("requests", Resolution.MINUTE, 0, Long.MAX_VALUE)).hasSize(20);
            assertThat(f.series().series(null)).containsOnlyKeys("latency", "requests");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void queriesSeeSamplesNewerThanTheLastCompaction(String kind) {
        try (Fixture f = open(kind)) {
            writeTraffic(f);
            f.clock().set(T0 + Duration.ofHours(3).toMillis());
            f.compactor().compact();
            f.writer().record(new Sample("requests", Labels.of("endpoint", "a"), f.clock().millis() - 1000, 5));
            f.writer().flush();

            QueryResult result = f.queries().query(new SeriesQuery("requests", Map.of("endpoint", "a"), T0,
                    f.clock().millis(), Duration.ofHours(4), Aggregation.SUM, List.of()));

            assertThat(result.resolution()).isEqualTo(Resolution.MINUTE);
            assertThat(result.series().getFirst().points().getFirst().value()).isEqualTo(605.0);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void quantilesOverRolledUpRangesAreRefusedNamingTheField(String kind) {
        try (Fixture f = open(kind)) {
            f.clock().set(T0 + Duration.ofHours(5).toMillis());
            assertThatThrownBy(() -> f.queries().query(new SeriesQuery("latency", Map.of(), T0, T0 + 600_000,
                    Duration.ofMinutes(1), Aggregation.P99, List.of())))
                    .isInstanceOf(KeelException.class).hasMessageStartingWith("agg: p99");
        }
    }

    @org.junit.jupiter.api.Test
    void twoServersCompactingAtTheSameTimeRollUpEachMinuteOnce() throws Exception {
        try (Fixture f = open(TestDatabases.POSTGRESQL)) {
            writeTraffic(f);
            for (int round = 1; round <= 5; round++) {
                f.clock().set(T0 + round * 120_000L + 30_000);
                Compactor a = new Compactor(f.series(), RETENTION, Duration.ofSeconds(30), f.clock());
                Compactor b = new Compactor(f.series(), RETENTION, Duration.ofSeconds(30), f.clock());
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                Thread other = Thread.ofPlatform().start(() -> {
                    await(start);
                    b.compact();
                });
                await(start);
                a.compact();
                other.join();
            }

            assertThat(f.series().rollups("requests", Resolution.MINUTE, T0, T0 + 3_600_000))
                    .hasSize(20).allSatisfy(c -> assertThat(c.count()).isEqualTo(60));
        }
    }

    private static void await(java.util.concurrent.CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
