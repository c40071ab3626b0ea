package dev.keel.serve.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.batching.BatchPolicy;
import dev.keel.serve.runtime.Tensor;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentsTest {
    private static final BatchPolicy POLICY = new BatchPolicy(8, Duration.ofNanos(200_000), 256, Duration.ofSeconds(10), 2);

    private final FakeModelSource models = new FakeModelSource(List.of("1", "2", "3", "9"), List.of("9"));
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
    }

    private Deployments deployments(DeploymentRepository repository) {
        Deployments deployments = new Deployments(models, repository, ServingObserver.NONE, 42);
        closeables.add(deployments);
        return deployments;
    }

    private static Prediction predict(Endpoint endpoint, float a) throws Exception {
        return endpoint.predict(FakeModelSource.row(a, a)).get(10, TimeUnit.SECONDS);
    }

    private static float first(Prediction prediction) {
        return prediction.outputs().get("y").toFloats()[0];
    }

    @Test
    void deploysAVersionAndAnswersSayingWhichVersionAnswered() throws Exception {
        Endpoint endpoint = deployments(null).deploy(DeploymentSpec.of("scale", "scaler", "3", POLICY));

        Prediction prediction = predict(endpoint, 2);
        assertThat(first(prediction)).isEqualTo(6f);
        assertThat(prediction.version()).isEqualTo("3");
        assertThat(prediction.model()).isEqualTo("scaler");
    }

    @Test
    void servesSeveralEndpointsAtOnce() throws Exception {
        Deployments deployments = deployments(null);
        deployments.deploy(DeploymentSpec.of("one", "scaler", "1", POLICY));
        deployments.deploy(DeploymentSpec.of("two", "scaler", "2", POLICY));

        assertThat(first(predict(deployments.get("one"), 5))).isEqualTo(5f);
        assertThat(first(predict(deployments.get("two"), 5))).isEqualTo(10f);
        assertThat(deployments.list()).extracting(Endpoint::name).containsExactly("one", "two");
    }

    @Test
    void aModelThatFailsWarmUpIsNeverDeployed() {
        Deployments deployments = deployments(null);

        assertThatThrownBy(() -> deployments.deploy(DeploymentSpec.of("broken", "scaler", "9", POLICY)))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("failed warm-up")
                .hasMessageContaining("kernel for version 9 is broken");
        assertThat(deployments.find("broken")).isEmpty();
        assertThat(models.closed).hasValue(1);
    }

    @Test
    void aFailedWarmUpDuringASwapKeepsTheOldVersionServing() throws Exception {
        Deployments deployments = deployments(null);
        models.aliases.put("production", "2");
        Endpoint endpoint = deployments.deploy(DeploymentSpec.of("scale", "scaler", "production", POLICY));
        models.aliases.put("production", "9");

        assertThatThrownBy(() -> deployments.refresh("scale")).hasMessageContaining("failed warm-up");
        assertThat(predict(endpoint, 1).version()).isEqualTo("2");
    }

    @Test
    void rejectsInputNotMatchingTheSignatureNamingIt() {
        Endpoint endpoint = deployments(null).deploy(DeploymentSpec.of("scale", "scaler", "1", POLICY));

        CompletableFuture<Prediction> wrong = endpoint.predict(Map.of("z", Tensor.ofFloats(new long[] {1, 3}, 1, 2, 3)));
        assertThatThrownBy(wrong::join).cause().isInstanceOf(KeelException.class)
                .hasMessageContaining("x: float32[-1, 2]")
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void oneBadRequestDoesNotFailOthersBatchedWithIt() throws Exception {
        Endpoint endpoint = deployments(null).deploy(DeploymentSpec.of("scale", "scaler", "2", POLICY));
        List<CompletableFuture<Prediction>> good = new ArrayList<>();
        CompletableFuture<Prediction> bad = null;
        for (int i = 0; i < 20; i++) {
            good.add(endpoint.predict(FakeModelSource.row(i, i)));
            if (i == 10) {
                bad = endpoint.predict(FakeModelSource.row(Float.NaN, 1));
            }
        }
        for (int i = 0; i < 20; i++) {
            assertThat(first(good.get(i).get(10, TimeUnit.SECONDS))).isEqualTo(2f * i);
        }
        assertThatThrownBy(bad::join).hasMessageContaining("NaN input");
    }

    @Test
    void swapsToTheNewVersionWhenTheAliasMovesWithoutFailingARequest() throws Exception {
        Deployments deployments = deployments(null);
        models.aliases.put("production", "1");
        Endpoint endpoint = deployments.deploy(DeploymentSpec.of("scale", "scaler", "production", POLICY));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            clients.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    try {
                        Prediction prediction = predict(endpoint, 1);
                        // The answer must match the version that says it answered.
                        if (first(prediction) != Float.parseFloat(prediction.version())) {
                            failures.incrementAndGet();
                        }
                        byVersion.computeIfAbsent(prediction.version(), v -> new AtomicInteger()).incrementAndGet();
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        awaitAnswers(answered, 200);
        models.aliases.put("production", "2");
        assertThat(deployments.refresh("scale")).isTrue();
        int afterFirstSwap = answered.get();
        awaitAnswers(answered, afterFirstSwap + 200);
        models.aliases.put("production", "3");
        assertThat(deployments.refresh("scale")).isTrue();
        awaitAnswers(answered, answered.get() + 200);
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }

        assertThat(failures).hasValue(0);
        assertThat(byVersion).containsKeys("1", "2", "3");
        assertThat(endpoint.version()).isEqualTo("3");
        assertThat(models.closed).hasValue(2); // versions 1 and 2 drained and closed
    }

    private static void awaitAnswers(AtomicInteger answered, int atLeast) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (answered.get() < atLeast && System.nanoTime() < until) {
            Thread.sleep(5);
        }
    }

    @Test
    void canarySplitsTrafficByWeight() throws Exception {
        Endpoint endpoint = deployments(null).deploy(DeploymentSpec.of("scale", "scaler", "1", POLICY)
                .withCanary(new CanarySplit("2", 0.25)));
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (int i = 0; i < 2000; i++) {
            Prediction prediction = predict(endpoint, 1);
            assertThat(first(prediction)).isEqualTo(Float.parseFloat(prediction.version()));
            counts.merge(prediction.version(), 1, Integer::sum);
        }
        // Deterministic for seed 42; the share is within a few percent of the weight.
        assertThat(counts.get("2")).isBetween(430, 570);
        assertThat(counts.get("1") + counts.get("2")).isEqualTo(2000);
        assertThat(endpoint.versions()).containsExactly("1", "2");
    }

    @Test
    void predictsWithANamedVersionAndReportsAnUnservedOneAsNotFound() throws Exception {
        Endpoint endpoint = deployments(null).deploy(DeploymentSpec.of("scale", "scaler", "1", POLICY)
                .withCanary(new CanarySplit("3", 0.5)));

        assertThat(endpoint.predict("3", FakeModelSource.row(1, 1)).get(10, TimeUnit.SECONDS).version()).isEqualTo("3");
        assertThatThrownBy(() -> endpoint.predict("2", FakeModelSource.row(1, 1)).join()).cause()
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void undeployClosesTheRuntimesAndForgetsTheEndpoint() {
        Deployments deployments = deployments(null);
        deployments.deploy(DeploymentSpec.of("scale", "scaler", "1", POLICY));
        deployments.undeploy("scale");

        assertThat(deployments.find("scale")).isEmpty();
        assertThat(models.closed).hasValue(1);
        assertThatThrownBy(() -> deployments.undeploy("scale")).hasMessageContaining("endpoint scale not found");
    }

    @Test
    void unknownModelOrAliasIsNotFound() {
        Deployments deployments = deployments(null);

        assertThatThrownBy(() -> deployments.deploy(DeploymentSpec.of("x", "nope", "1", POLICY)))
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> deployments.deploy(DeploymentSpec.of("x", "scaler", "staging", POLICY)))
                .satisfies(e -> assertThat(((KeelException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aRestartRedeploysPersistedEndpoints(@TempDir Path dir) throws Exception {
        MetadataStore store = TestDatabases.open("sqlite", dir);
        closeables.add(store);
        DeploymentRepository repository = new DeploymentRepository(store, Clock.systemUTC());
        models.aliases.put("production", "2");
        Deployments before = new Deployments(models, repository, ServingObserver.NONE, 1);
        before.deploy(DeploymentSpec.of("scale", "scaler", "production", POLICY).withCanary(new CanarySplit("3", 0.1)));
        before.deploy(DeploymentSpec.of("gone", "scaler", "1", POLICY));
        before.undeploy("gone");
        before.close();

        Deployments after = deployments(repository);
        assertThat(after.restore()).isEmpty();
        assertThat(after.list()).extracting(Endpoint::name).containsExactly("scale");
        assertThat(after.get("scale").spec()).isEqualTo(
                DeploymentSpec.of("scale", "scaler", "production", POLICY).withCanary(new CanarySplit("3", 0.1)));
        assertThat(after.get("scale").versions()).containsExactly("2", "3");
    }
}
