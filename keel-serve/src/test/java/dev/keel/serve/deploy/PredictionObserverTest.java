package dev.keel.serve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.serve.batching.BatchListener;
import dev.keel.serve.batching.BatchPolicy;
import dev.keel.serve.runtime.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The observer hook that lets the metrics store sample predictions. */
class PredictionObserverTest {
    private static final BatchPolicy POLICY = new BatchPolicy(8, Duration.ZERO, 64, Duration.ofSeconds(10), 1);

    private record Seen(String endpoint, String version, float input, float output) {}

    @Test
    void everyComputedBatchReachesTheObserverWithItsInputsAndOutputs() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        ServingObserver observer = new ServingObserver() {
            @Override
            public BatchListener versionStarted(String endpoint, String model, String version, IntSupplier depth) {
                return BatchListener.NONE;
            }

            @Override
            public void predicted(String endpoint, String model, String version, Map<String, Tensor> inputs,
                    Map<String, Tensor> outputs) {
                seen.add(new Seen(endpoint, version, inputs.get("x").toFloats()[0], outputs.get("y").toFloats()[0]));
            }
        };
        FakeModelSource models = new FakeModelSource(List.of("3"), List.of());
        try (Deployments deployments = new Deployments(models, null, ServingObserver.all(List.of(observer)), 1)) {
            Endpoint endpoint = deployments.deploy(DeploymentSpec.of("scale", "scaler", "3", POLICY));
            endpoint.predict(FakeModelSource.row(2, 2)).get(10, TimeUnit.SECONDS);
        }
        assertThat(seen).containsExactly(new Seen("scale", "3", 2f, 6f));
    }

    @Test
    void anObserverThatThrowsDoesNotFailThePrediction() throws Exception {
        ServingObserver throwing = new ServingObserver() {
            @Override
            public BatchListener versionStarted(String endpoint, String model, String version, IntSupplier depth) {
                return BatchListener.NONE;
            }

            @Override
            public void predicted(String endpoint, String model, String version, Map<String, Tensor> inputs,
                    Map<String, Tensor> outputs) {
                throw new IllegalStateException("broken monitor");
            }
        };
        FakeModelSource models = new FakeModelSource(List.of("3"), List.of());
        try (Deployments deployments = new Deployments(models, null, throwing, 1)) {
            Endpoint endpoint = deployments.deploy(DeploymentSpec.of("scale", "scaler", "3", POLICY));
            Prediction prediction = endpoint.predict(FakeModelSource.row(2, 2)).get(10, TimeUnit.SECONDS);
            assertThat(prediction.outputs().get("y").toFloats()[0]).isEqualTo(6f);
        }
    }
}
