package dev.keel.serve.export;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDManager;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.TensorSpec;
import dev.keel.train.loop.EngineSetup;
import dev.keel.train.loop.LoadedModel;
import dev.keel.train.loop.ModelBundle;
import dev.keel.train.model.ArchitectureRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * A Keel model bundle ({@code model.keel}) rebuilt in the training engine. The model's input is the encoded
 * example (normalised features as float32, or token ids as int64 for text) with the batch first; its output is
 * the logits. Normalisation and tokenisation stay outside the graph, as they are in the trainer.
 */
public final class KeelBundleModel implements AutoCloseable {
    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";

    private final NDManager manager;
    private final LoadedModel model;

    private KeelBundleModel(NDManager manager, LoadedModel model) {
        this.manager = manager;
        this.model = model;
    }

    public static KeelBundleModel load(Path bundle, ArchitectureRegistry architectures) {
        requireNonNull(bundle, "bundle is null");
        NDManager manager = EngineSetup.pytorch(1).newBaseManager();
        try {
            return new KeelBundleModel(manager, ModelBundle.load(bundle, architectures, manager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public LoadedModel model() {
        return model;
    }

    public NDManager manager() {
        return manager;
    }

    public String architecture() {
        return model.spec().model().architecture();
    }

    public long[] exampleShape() {
        return model.encoder().exampleShape();
    }

    public boolean takesTokens() {
        return "text".equals(architecture());
    }

    public ModelSignature signature() {
        long[] example = exampleShape();
        long[] input = new long[example.length + 1];
        input[0] = -1;
        System.arraycopy(example, 0, input, 1, example.length);
        int classes = model.spec().preprocessing().labels().classCount();
        return new ModelSignature(
                List.of(new TensorSpec(INPUT, takesTokens() ? DataType.INT64 : DataType.FLOAT32, input)),
                List.of(new TensorSpec(OUTPUT, DataType.FLOAT32, new long[] {-1, classes})));
    }

    @Override
    public void close() {
        manager.close();
    }
}
