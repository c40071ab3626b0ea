package dev.keel.serve.registry;

import dev.keel.serve.runtime.DefaultModelRuntimeFactory;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.blob.LocalBlobStore;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import dev.keel.train.model.ArchitectureRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A registry over a fresh database of one kind, a local blob folder and a hand-moved clock. */
final class RegistryFixture implements AutoCloseable {
    static final String PROJECT = "default";
    static final String ONNX_MODEL = "/models/ch_ppocr_mobile_v2.0_cls_infer.onnx";

    final MutableClock clock = new MutableClock(1_000_000L);
    final MetadataStore metadata;
    final BlobStore blobs;
    final ModelRegistry registry;
    final Path dir;

    RegistryFixture(String kind, Path dir) throws IOException {
        this.dir = dir;
        this.metadata = TestDatabases.open(kind, Files.createDirectories(dir.resolve("db")));
        this.blobs = new LocalBlobStore(dir.resolve("blobs"), clock);
        DefaultModelRuntimeFactory runtimes = DefaultModelRuntimeFactory.withDefaultEnvironment();
        this.registry = new ModelRegistry(metadata, blobs, new ModelFileValidator(runtimes, ArchitectureRegistry.load()),
                runtimes, clock);
    }

    Path resource(String resource) throws IOException {
        Path file = dir.resolve(Path.of(resource).getFileName().toString());
        if (!Files.exists(file)) {
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                Files.copy(in, file);
            }
        }
        return file;
    }

    ModelVersion registerOnnx(String name) throws IOException {
        return registry.registerVersion(PROJECT, name, NewModelVersion.ofFile(ModelFormat.ONNX, resource(ONNX_MODEL),
                "upload:" + Path.of(ONNX_MODEL).getFileName(), "alice"));
    }

    @Override
    public void close() {
        blobs.close();
        metadata.close();
    }
}
