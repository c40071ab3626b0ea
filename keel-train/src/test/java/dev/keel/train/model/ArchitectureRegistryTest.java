package dev.keel.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.KeelException;
import dev.keel.train.spec.TrainingSpec;
import dev.keel.train.spec.TrainingSpecParser;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureRegistryTest {
    @Test
    void findsTheBuiltInArchitecturesThroughTheServiceLoader() {
        assertThat(ArchitectureRegistry.load().names()).containsExactly("mlp", "cnn", "resnet", "text");
    }

    @Test
    void aCustomArchitectureOnTheClassPathIsFoundAndItsOptionsValidated() throws Exception {
        URL services = Path.of("src/test/resources/custom-architecture").toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services}, getClass().getClassLoader())) {
            ArchitectureRegistry registry = ArchitectureRegistry.load(loader);
            TrainingSpecParser parser = new TrainingSpecParser(registry);

            TrainingSpec spec = parser.parse("""
                    data: {dataset: "points@1", input: [x, y], label: label}
                    preprocessing: {labels: {classes: 2}}
                    model: {architecture: linear, bias: false}
                    """);

            assertThat(registry.names()).contains("linear", "mlp");
            assertThat(spec.model().options().get("bias").asBoolean()).isFalse();
            assertThatThrownBy(() -> parser.parse("""
                    data: {dataset: "points@1", input: [x, y], label: label}
                    preprocessing: {labels: {classes: 2}}
                    model: {architecture: linear, bias: 3, biass: true}
                    """)).isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.details()).containsExactly(
                    "model.bias: 3 (expected: true or false)",
                    "model.biass: unknown key (expected: one of architecture, bias; did you mean bias?)"));
        }
    }

    @Test
    void twoProvidersOfOneNameAreRejected() {
        assertThatThrownBy(() -> ArchitectureRegistry.of(List.of(new MlpArchitecture(), new MlpArchitecture())))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("architecture mlp: provided by both");
    }
}
