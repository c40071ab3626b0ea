package dev.keel.train.loop;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import dev.keel.train.data.ExampleEncoder;
import dev.keel.train.data.Vocabulary;
import dev.keel.train.model.ArchitectureRegistry;
import dev.keel.train.spec.SpecJson;
import dev.keel.train.spec.TrainingSpec;
import dev.keel.train.spec.TrainingSpecParser;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The trained-model artifact, {@code model.keel}: a zip of
 * <ul>
 *   <li>{@code bundle.json}: {@code {"format": "keel-model", "formatVersion": 1, "spec": <the full training spec
 *       with defaults, as SpecJson writes it>, "specHash", "exampleShape": [1, 28, 28], "vocabulary": [tokens
 *       from id 2 on] or null, "weightsSha256"}} — everything needed to rebuild the model and encode its
 *       inputs (architecture and sizes, normalisation, label classes and mapping, tokenisation);</li>
 *   <li>{@code parameters.bin}: the parameters as DJL's {@code Block.saveParameters} writes them; its SHA-256 is
 *       {@code weightsSha256}.</li>
 * </ul>
 * A golden sample ({@code src/test/resources/bundles/mlp-v1.keel}) is loaded by the tests.
 */
public final class ModelBundle {
    public static final String FILE_NAME = "model.keel";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelBundle() {}

    static Path write(Path file, TrainingSpec spec, long[] exampleShape, Vocabulary vocabulary, Block block,
                      String weightsHash) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", "keel-model");
        manifest.put("formatVersion", FORMAT_VERSION);
        manifest.set("spec", SpecJson.toJson(spec));
        manifest.put("specHash", spec.specHash());
        ArrayNode shape = manifest.putArray("exampleShape");
        for (long dimension : exampleShape) {
            shape.add(dimension);
        }
        if (vocabulary == null) {
            manifest.putNull("vocabulary");
        } else {
            ArrayNode tokens = manifest.putArray("vocabulary");
            vocabulary.tokens().forEach(tokens::add);
        }
        manifest.put("weightsSha256", weightsHash);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("bundle.json"));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.putNextEntry(new ZipEntry("parameters.bin"));
                zip.write(CheckpointFile.parameterBytes(block));
                zip.closeEntry();
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new KeelException(ErrorCode.INTERNAL, "writing model bundle " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Reads a bundle and rebuilds its model with {@code manager}; the caller closes the manager. */
    public static LoadedModel load(Path file, ArchitectureRegistry architectures, NDManager manager) {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new KeelException(ErrorCode.NOT_FOUND, "model bundle " + file + ": " + e.getMessage(), e);
        }
        if (!entries.containsKey("bundle.json") || !entries.containsKey("parameters.bin")) {
            throw malformed(file, "missing bundle.json or parameters.bin");
        }
        try {
            JsonNode manifest = JSON.readTree(entries.get("bundle.json"));
            if (!"keel-model".equals(manifest.path("format").asText())
                    || manifest.path("formatVersion").asInt() != FORMAT_VERSION) {
                throw malformed(file, "format " + manifest.path("format") + " version " + manifest.path("formatVersion")
                        + " (expected: keel-model version " + FORMAT_VERSION + ")");
            }
            byte[] parameters = entries.get("parameters.bin");
            String hash = Sha256.of(parameters);
            if (!hash.equals(manifest.path("weightsSha256").asText())) {
                throw new KeelException(ErrorCode.HASH_MISMATCH, "model bundle " + file + ": parameters.bin has SHA-256 "
                        + hash + " (expected: " + manifest.path("weightsSha256").asText() + ")");
            }
            TrainingSpec spec = new TrainingSpecParser(architectures).parse(manifest.get("spec"));
            long[] shape = new long[manifest.get("exampleShape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = manifest.get("exampleShape").get(i).asLong();
            }
            Vocabulary vocabulary = null;
            if (manifest.path("vocabulary").isArray()) {
                List<String> tokens = new ArrayList<>();
                manifest.get("vocabulary").forEach(token -> tokens.add(token.asText()));
                vocabulary = new Vocabulary(spec.preprocessing().text(), tokens);
            }
            ExampleEncoder encoder = new ExampleEncoder(spec.data().inputs(), spec.data().label(),
                    spec.preprocessing().normalization(), spec.preprocessing().labels(), vocabulary, shape);
            Block block = new ModelFactory(architectures).build(spec.model(), String.join(",", spec.data().inputs()), shape,
                    spec.preprocessing().labels().classCount(), vocabulary == null ? 0 : vocabulary.size(), manager);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
                block.loadParameters(manager, in);
            }
            return new LoadedModel(spec, block, encoder, hash);
        } catch (IOException | MalformedModelException e) {
            throw malformed(file, e.getMessage());
        }
    }

    private static KeelException malformed(Path file, String problem) {
        return new KeelException(ErrorCode.MALFORMED_DATA, "model bundle " + file + ": " + problem);
    }
}
