package dev.keel.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.data.record.Row;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
    /** Written by format version 1: a 3-class MLP trained 2 epochs on {@link SyntheticData#images}. */
    private static final Path GOLDEN = Path.of("src/test/resources/bundles/mlp-v1.keel");
    private static final String GOLDEN_WEIGHTS = "24e1190d4a16de32385fb5808c059e2c266b25044308b541cc2766dc0c000a62";

    @TempDir
    Path dir;

    @Test
    void theGoldenBundleRebuildsItsModelAndClassifiesTheSyntheticImages() {
        List<Row> rows = SyntheticData.imageRows(30, 8, 3, 3);
        try (NDManager manager = EngineSetup.pytorch(1).newBaseManager()) {
            LoadedModel model = ModelBundle.load(GOLDEN, Specs.ARCHITECTURES, manager);

            assertThat(model.weightsHash()).isEqualTo(GOLDEN_WEIGHTS);
            assertThat(model.spec().model().architecture()).isEqualTo("mlp");
            assertThat(model.predict(rows, manager))
                    .isEqualTo(rows.stream().map(row -> row.get("label").toString()).toList());
        }
    }

    @Test
    void aTrainedModelsBundleGivesTheSameLogitsAsTheWeightsItWasWrittenFrom() {
        TrainingResult result = new Trainer(Specs.ARCHITECTURES).run(TrainingRequest.of(
                Specs.mlp("  epochs: 1"), SyntheticData.images(8, 3), dir, TrainingListener.NONE));
        List<Row> rows = SyntheticData.imageRows(5, 8, 3, 9);
        try (NDManager manager = EngineSetup.pytorch(1).newBaseManager()) {
            LoadedModel first = ModelBundle.load(result.modelBundle(), Specs.ARCHITECTURES, manager);
            LoadedModel second = ModelBundle.load(result.modelBundle(), Specs.ARCHITECTURES, manager);

            assertThat(first.weightsHash()).isEqualTo(result.weightsHash());
            assertThat(first.logits(rows, manager)).isDeepEqualTo(second.logits(rows, manager));
        }
    }

    @Test
    void aBundleWhoseParametersWereAlteredIsRejected() throws IOException {
        Path altered = dir.resolve("altered.keel");
        try (InputStream in = Files.newInputStream(GOLDEN); ZipInputStream zip = new ZipInputStream(in);
             OutputStream out = Files.newOutputStream(altered); ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                byte[] bytes = zip.readAllBytes();
                if (entry.getName().equals("parameters.bin")) {
                    bytes[bytes.length - 1] ^= 1;
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(bytes);
            }
        }

        try (NDManager manager = EngineSetup.pytorch(1).newBaseManager()) {
            assertThatThrownBy(() -> ModelBundle.load(altered, Specs.ARCHITECTURES, manager))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.HASH_MISMATCH));
        }
    }
}
