package dev.keel.serve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import dev.keel.serve.batching.BatchPolicy;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.OnnxRuntimeModel;
import dev.keel.serve.runtime.RuntimeOptions;
import dev.keel.serve.runtime.Tensor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The third-party PaddleOCR direction classifier (ONNX) served behind the batcher. */
class OnnxServingTest {
    private static final String MODEL = "/models/ch_ppocr_mobile_v2.0_cls_infer.onnx";

    @Test
    void batchedAnswersEqualUnbatchedOnesForAThirdPartyOnnxModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cls.onnx");
        try (InputStream in = OnnxServingTest.class.getResourceAsStream(MODEL)) {
            Files.copy(in, file);
        }
        ModelSource source = new ModelSource() {
            @Override
            public String resolveVersion(String model, String reference) {
                return "1";
            }

            @Override
            public ModelRuntime open(String model, String version) {
                return OnnxRuntimeModel.open(OrtEnvironment.getEnvironment(), file, RuntimeOptions.defaults());
            }
        };
        try (ModelRuntime reference = source.open("cls", "1");
                Deployments deployments = new Deployments(source, null, ServingObserver.NONE, 1)) {
            Endpoint endpoint = deployments.deploy(DeploymentSpec.of("cls", "cls", "1",
                    new BatchPolicy(8, Duration.ofMillis(5), 64, Duration.ofSeconds(30), 1)).withWarmupBatches(2));
            Random random = new Random(3);
            List<Map<String, Tensor>> requests = new ArrayList<>();
            List<CompletableFuture<Prediction>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                float[] pixels = new float[3 * 48 * 192];
                for (int p = 0; p < pixels.length; p++) {
                    pixels[p] = random.nextFloat() - 0.5f;
                }
                Map<String, Tensor> request = Map.of("x", Tensor.ofFloats(new long[] {1, 3, 48, 192}, pixels));
                requests.add(request);
                answers.add(endpoint.predict(request));
            }
            for (int i = 0; i < requests.size(); i++) {
                Tensor served = answers.get(i).get(30, TimeUnit.SECONDS).outputs().values().iterator().next();
                Tensor alone = reference.predict(requests.get(i)).values().iterator().next();
                assertThat(served.shape()).containsExactly(1, 2);
                float[] expected = alone.toFloats();
                float[] actual = served.toFloats();
                for (int k = 0; k < expected.length; k++) {
                    assertThat(actual[k]).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }
}
