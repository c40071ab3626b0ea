package dev.keel.data.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.dataset.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical manifest form is persisted (every version's hash depends on it): a golden file pins it. */
class ContentHashTest {
    @Test
    void matchesTheGoldenCanonicalManifest() throws IOException {
        List<ManifestEntry> manifest = new ArrayList<>();
        for (String line : resource("golden/manifest-canonical-v1.txt").lines().toList()) {
            String[] parts = line.split(" ", 3);
            manifest.add(new ManifestEntry(parts[2], Long.parseLong(parts[1]), parts[0]));
        }
        Collections.reverse(manifest);

        assertThat(ContentHash.of(manifest)).isEqualTo(resource("golden/manifest-canonical-v1.sha256").strip());
    }

    @Test
    void dependsOnPathsAndContentOnly() {
        ManifestEntry a = new ManifestEntry("a", 1, "a".repeat(64));
        ManifestEntry b = new ManifestEntry("b", 2, "b".repeat(64));
        assertThat(ContentHash.of(List.of(a, b))).isEqualTo(ContentHash.of(List.of(b, a)));
        assertThat(ContentHash.of(List.of(a))).isNotEqualTo(ContentHash.of(List.of(new ManifestEntry("c", 1, a.sha256()))));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ContentHashTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
