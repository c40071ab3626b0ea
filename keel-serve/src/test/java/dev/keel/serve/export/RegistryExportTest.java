package dev.keel.serve.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import dev.keel.core.error.KeelException;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.ModelVersion;
import dev.keel.serve.registry.NewModelVersion;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.RuntimeOptions;
import dev.keel.serve.runtime.Tensor;
import dev.keel.store.blob.LocalBlobStore;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained Keel model registered as a bundle, exported through the parity gate, and served by alias. */
class RegistryExportTest {
    @TempDir
    Path dir;

    @Test
    void aRegisteredBundleExportsToANewOnnxVersionRecordingItsDeviation() throws Exception {
        Path bundle = TinyModels.train(TinyModels.MLP, dir.resolve("train"));
        try (MetadataStore metadata = TestDatabases.open(TestDatabases.SQLITE, Files.createDirectories(dir.resolve("db")));
             LocalBlobStore blobs = new LocalBlobStore(dir.resolve("blobs"), Clock.systemUTC())) {
            ModelRegistry registry = ModelRegistry.create(metadata, blobs, Clock.systemUTC());
            ModelVersion trained = registry.registerVersion("default", "tiny", NewModelVersion.ofFile(ModelFormat.KEEL, bundle,
                    "runs:/r1/model.keel", "trainer"));
            RegistryExport export = new RegistryExport(registry, new ModelExport(TinyModels.ARCHITECTURES, new OnnxExporter(),
                    new ParityGate(OrtEnvironment.getEnvironment(), ParityGate.DEFAULT_TOLERANCE)));

            ModelVersion onnx = export.export("default", "tiny", "1", "alice", 7);

            assertThat(trained.signature()).isEqualTo(onnx.signature());
            assertThat(onnx.version()).isEqualTo(2);
            assertThat(onnx.format()).isEqualTo(ModelFormat.ONNX);
            assertThat(onnx.tags()).containsEntry(RegistryExport.TAG_FROM_VERSION, "1")
                    .containsEntry(RegistryExport.TAG_SAMPLE_ROWS, "64");
            assertThat(Double.parseDouble(onnx.tags().get(RegistryExport.TAG_MAX_DEVIATION))).isLessThanOrEqualTo(1e-4);
            registry.setAlias("default", "tiny", "production", 2, "alice", java.util.Optional.empty());
            try (ModelRuntime runtime = registry.openRuntime("default", "tiny", "production", dir.resolve("serve"),
                    RuntimeOptions.defaults())) {
                long[] shape = runtime.signature().inputs().getFirst().shape();
                shape[0] = 4;
                Tensor logits = runtime.predict(Map.of("input", Tensor.zeros(DataType.FLOAT32, shape))).get("logits");
                assertThat(logits.shape()).containsExactly(4, 3);
            }
            assertThatThrownBy(() -> export.export("default", "tiny", "2", "alice", 7))
                    .isInstanceOf(KeelException.class).hasMessageContaining("(expected: keel");
        }
    }
}
