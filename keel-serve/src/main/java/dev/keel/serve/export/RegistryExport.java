package dev.keel.serve.export;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.registry.ModelRegistry;
import dev.keel.serve.registry.ModelVersion;
import dev.keel.serve.registry.NewModelVersion;
import dev.keel.serve.runtime.ModelFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Exports a registered Keel-bundle version to ONNX through the parity gate and registers the result as a new
 * version of the same model, carrying over its lineage and metrics. The measured deviation is recorded in the
 * new version's tags ({@code keel.export.*}), so the registry shows how close the served model is to the trained one.
 */
public final class RegistryExport {
    public static final String TAG_FROM_VERSION = "keel.export.fromVersion";
    public static final String TAG_MAX_DEVIATION = "keel.export.maxAbsoluteDeviation";
    public static final String TAG_TOLERANCE = "keel.export.tolerance";
    public static final String TAG_SAMPLE_ROWS = "keel.export.sampleRows";

    private final ModelRegistry registry;
    private final ModelExport export;

    public RegistryExport(ModelRegistry registry, ModelExport export) {
        this.registry = requireNonNull(registry, "registry is null");
        this.export = requireNonNull(export, "export is null");
    }

    /** The production wiring: the built-in architectures, ONNX Runtime's default environment, tolerance 1e-4. */
    public static RegistryExport create(ModelRegistry registry) {
        return new RegistryExport(registry, new ModelExport(dev.keel.train.model.ArchitectureRegistry.load(),
                new OnnxExporter(), new ParityGate(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                ParityGate.DEFAULT_TOLERANCE)));
    }

    /**
     * @param seed seeds the validation sample (standard-normal rows in the model's input shape)
     * @return the new ONNX version; a rejected export records nothing and throws INVALID_ARGUMENT with the deviation
     */
    public ModelVersion export(String project, String name, String reference, String actor, long seed) {
        ModelVersion source = registry.resolve(project, name, reference);
        if (source.format() != ModelFormat.KEEL) {
            throw KeelException.invalid("model " + name + " version " + source.version() + ": format "
                    + source.format().jsonName() + " (expected: keel, a Keel model bundle, to export to ONNX)");
        }
        Path work;
        try {
            work = Files.createTempDirectory("keel-export-");
        } catch (IOException e) {
            throw new KeelException(ErrorCode.INTERNAL, "cannot create an export work directory: " + e.getMessage(), e);
        }
        try {
            Path bundle = registry.materialize(source, work);
            ExportResult result = export.export(bundle, ModelExport.DEFAULT_SAMPLE_ROWS, new Random(seed));
            Path onnx = Files.write(work.resolve("model.onnx"), result.onnx());
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(TAG_FROM_VERSION, Integer.toString(source.version()));
            tags.put(TAG_MAX_DEVIATION, Double.toString(result.maxAbsoluteDeviation()));
            tags.put(TAG_TOLERANCE, Double.toString(result.tolerance()));
            tags.put(TAG_SAMPLE_ROWS, Integer.toString(result.sampleRows()));
            return registry.registerVersion(project, name, new NewModelVersion(ModelFormat.ONNX, onnx,
                    "export:" + name + "/" + source.version(), source.sourceRunId(), Optional.empty(), source.metrics(),
                    source.datasetVersion(), Optional.of("ONNX export of version " + source.version()), tags, actor));
        } catch (IOException e) {
            throw new KeelException(ErrorCode.INTERNAL, "writing the ONNX export failed: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the export's outcome is already decided.
        }
    }
}
