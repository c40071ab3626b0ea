package dev.keel.serve.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.DataType;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.RuntimeOptions;
import dev.keel.serve.runtime.Tensor;
import dev.keel.store.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry on SQLite and PostgreSQL, with a real third-party ONNX model as the registered file. */
class ModelRegistryTest {
    private static final String P = RegistryFixture.PROJECT;

    @TempDir
    Path dir;

    static Stream<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void registersAnOnnxFileWithTheSignatureReadFromItsGraph(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            ModelVersion version = fixture.registerOnnx("text-direction");

            assertThat(version.version()).isEqualTo(1);
            assertThat(version.format()).isEqualTo(ModelFormat.ONNX);
            assertThat(version.blobSha256()).isEqualTo(dev.keel.core.hash.Sha256.of(
                    Files.readAllBytes(fixture.resource(RegistryFixture.ONNX_MODEL))));
            assertThat(version.signature().inputs().getFirst().shape()).containsExactly(-1, 3, -1, -1);
            assertThat(fixture.registry.getVersion(P, "text-direction", 1)).isEqualTo(version);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void versionsAreNumberedUpwardAndListedNewestFirst(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            fixture.registerOnnx("m");
            fixture.registerOnnx("m");
            fixture.registerOnnx("m");

            assertThat(fixture.registry.listVersions(P, "m", 10, 0)).extracting(ModelVersion::version).containsExactly(3, 2, 1);
            assertThat(fixture.registry.getModel(P, "m").latestVersion()).contains(3);
            assertThat(fixture.registry.resolve(P, "m", "latest").version()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void concurrentRegistrationsGetDistinctConsecutiveVersions(String kind) throws Exception {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            fixture.resource(RegistryFixture.ONNX_MODEL);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                java.util.List<java.util.concurrent.Future<ModelVersion>> futures = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    futures.add(pool.submit(() -> fixture.registerOnnx("m")));
                }
                java.util.List<Integer> versions = new java.util.ArrayList<>();
                for (var future : futures) {
                    versions.add(future.get().version());
                }
                assertThat(versions).containsExactlyInAnyOrder(1, 2, 3);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void modelNamesAreUniqueWithinAProject(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            fixture.registry.createModel(P, "m", Optional.of("first"), Map.of("team", "ocr"));

            assertThatThrownBy(() -> fixture.registry.createModel(P, "m", Optional.empty(), Map.of()))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
            assertThat(fixture.registry.getModel(P, "m").tags()).containsEntry("team", "ocr");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void historyAnswersWhatAnAliasPointedToAtAGivenTime(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            fixture.registerOnnx("m");
            fixture.registerOnnx("m");
            fixture.clock.set(2_000);
            fixture.registry.setAlias(P, "m", "production", 1, "alice", Optional.empty());
            fixture.clock.set(3_000);
            fixture.registry.setAlias(P, "m", "production", 2, "bob", Optional.of("better f1"));

            assertThat(fixture.registry.aliasAt(P, "m", "production", 1_999)).isEmpty();
            assertThat(fixture.registry.aliasAt(P, "m", "production", 2_500)).contains(1);
            assertThat(fixture.registry.aliasAt(P, "m", "production", 3_000)).contains(2);
            assertThat(fixture.registry.history(P, "m", Optional.of("production")))
                    .extracting(AliasEvent::actor, AliasEvent::fromVersion, AliasEvent::toVersion, AliasEvent::at)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("alice", Optional.empty(), Optional.of(1), 2_000L),
                            org.assertj.core.groups.Tuple.tuple("bob", Optional.of(1), Optional.of(2), 3_000L));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rollbackMovesTheAliasToItsPreviousTargetAndLogsIt(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            fixture.registerOnnx("m");
            fixture.registerOnnx("m");
            fixture.registry.setAlias(P, "m", "production", 1, "alice", Optional.empty());
            fixture.registry.setAlias(P, "m", "production", 2, "alice", Optional.empty());

            AliasEvent rollback = fixture.registry.rollback(P, "m", "production", "carol");

            assertThat(rollback.fromVersion()).contains(2);
            assertThat(rollback.toVersion()).contains(1);
            assertThat(fixture.registry.resolve(P, "m", "production").version()).isEqualTo(1);
            assertThat(fixture.registry.getVersion(P, "m", 1).aliases()).containsExactly("production");
            assertThat(fixture.registry.history(P, "m", Optional.of("production"))).hasSize(3);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rollbackOfAnAliasWithNoEarlierTargetIsRejected(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            fixture.registerOnnx("m");
            fixture.registry.setAlias(P, "m", "staging", 1, "alice", Optional.empty());

            assertThatThrownBy(() -> fixture.registry.rollback(P, "m", "staging", "alice"))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageContaining("has no previous target");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void deletingAVersionRemovesItsAliasesAndLogsTheRemoval(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            fixture.registerOnnx("m");
            fixture.registry.setAlias(P, "m", "production", 1, "alice", Optional.empty());

            fixture.registry.deleteVersion(P, "m", 1, "bob");

            assertThat(fixture.registry.getModel(P, "m").aliases()).isEmpty();
            assertThat(fixture.registry.history(P, "m", Optional.of("production")).getLast().toVersion()).isEmpty();
            assertThatThrownBy(() -> fixture.registry.resolve(P, "m", "production"))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCorruptFileFailsRegistrationWithTheReasonAndRecordsNothing(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            byte[] bytes = Files.readAllBytes(fixture.resource(RegistryFixture.ONNX_MODEL));
            Path corrupt = Files.write(dir.resolve("corrupt.onnx"), Arrays.copyOf(bytes, bytes.length / 2));

            assertThatThrownBy(() -> fixture.registry.registerVersion(P, "m",
                    NewModelVersion.ofFile(ModelFormat.ONNX, corrupt, "upload:corrupt.onnx", "alice")))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageStartingWith("model file: not a loadable ONNX model");
            assertThat(fixture.registry.findModel(P, "m")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTorchScriptFileWithoutADeclaredSignatureIsRejected(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            Path file = Files.write(dir.resolve("model.pt"), new byte[] {1, 2, 3});

            assertThatThrownBy(() -> fixture.registry.registerVersion(P, "m",
                    NewModelVersion.ofFile(ModelFormat.TORCHSCRIPT, file, "upload:model.pt", "alice")))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageStartingWith("signature: missing");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aVersionOpenedByAliasPredictsOnARandomInputOfItsDeclaredShape(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            fixture.registerOnnx("m");
            fixture.registry.setAlias(P, "m", "production", 1, "alice", Optional.empty());

            try (ModelRuntime runtime = fixture.registry.openRuntime(P, "m", "production", dir.resolve("work"),
                    RuntimeOptions.defaults())) {
                java.util.Random random = new java.util.Random(7);
                float[] pixels = new float[2 * 3 * 48 * 192];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = random.nextFloat() * 2 - 1;
                }
                String input = runtime.signature().inputs().getFirst().name();
                Map<String, Tensor> out = runtime.predict(Map.of(input, Tensor.ofFloats(new long[] {2, 3, 48, 192}, pixels)));
                Tensor probabilities = out.values().iterator().next();
                assertThat(probabilities.dtype()).isEqualTo(DataType.FLOAT32);
                assertThat(probabilities.shape()).containsExactly(2, 2);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTorchScriptFileRegistersWithADeclaredSignatureConfirmedByADryRun(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            ModelVersion version = fixture.registry.registerVersion(P, "ts", NewModelVersion.ofFile(ModelFormat.TORCHSCRIPT,
                    fixture.resource("/models/tiny-linear-softmax.pt"), "upload:tiny.pt", "alice")
                    .withSignature(dev.keel.serve.runtime.TorchScriptModelTestSignatures.TINY));

            assertThat(version.signature()).isEqualTo(dev.keel.serve.runtime.TorchScriptModelTestSignatures.TINY);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTorchScriptSignatureTheDryRunContradictsIsRejected(String kind) throws IOException {
        try (RegistryFixture fixture = new RegistryFixture(kind, dir)) {
            dev.keel.serve.runtime.ModelSignature wrong = new dev.keel.serve.runtime.ModelSignature(
                    dev.keel.serve.runtime.TorchScriptModelTestSignatures.TINY.inputs(),
                    java.util.List.of(new dev.keel.serve.runtime.TensorSpec("probabilities", DataType.FLOAT32, new long[] {-1, 5})));

            assertThatThrownBy(() -> fixture.registry.registerVersion(P, "ts", NewModelVersion.ofFile(ModelFormat.TORCHSCRIPT,
                    fixture.resource("/models/tiny-linear-softmax.pt"), "upload:tiny.pt", "alice").withSignature(wrong)))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessage("signature.outputs.probabilities: the dry run returned float32[1, 3] (expected: float32[-1, 5])");
            assertThat(fixture.registry.findModel(P, "ts")).isEmpty();
        }
    }
}
