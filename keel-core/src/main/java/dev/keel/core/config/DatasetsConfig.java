package dev.keel.core.config;

import java.nio.file.Path;
import java.util.List;

/** Dataset manager settings: the server-side folders an admin may import from (nothing else is readable). */
public record DatasetsConfig(List<Path> importRoots) {
    public DatasetsConfig {
        importRoots = importRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }
}
