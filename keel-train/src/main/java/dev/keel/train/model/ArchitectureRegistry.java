package dev.keel.train.model;

import dev.keel.core.error.KeelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The architectures a worker knows, by name: every {@link ArchitectureProvider} found with {@link ServiceLoader}. */
public final class ArchitectureRegistry {
    private final Map<String, ArchitectureProvider> providers;

    private ArchitectureRegistry(Map<String, ArchitectureProvider> providers) {
        this.providers = providers;
    }

    /** Every provider on the class path of {@code loader}'s context (built-ins included). */
    public static ArchitectureRegistry load() {
        return load(ArchitectureRegistry.class.getClassLoader());
    }

    public static ArchitectureRegistry load(ClassLoader loader) {
        List<ArchitectureProvider> found = new ArrayList<>();
        ServiceLoader.load(ArchitectureProvider.class, loader).forEach(found::add);
        return of(found);
    }

    public static ArchitectureRegistry of(List<ArchitectureProvider> providers) {
        Map<String, ArchitectureProvider> byName = new LinkedHashMap<>();
        for (ArchitectureProvider provider : providers) {
            if (byName.putIfAbsent(provider.name(), provider) != null) {
                throw KeelException.invalid("architecture " + provider.name() + ": provided by both "
                        + byName.get(provider.name()).getClass().getName() + " and " + provider.getClass().getName()
                        + " (expected: one provider per name)");
            }
        }
        return new ArchitectureRegistry(byName);
    }

    public Optional<ArchitectureProvider> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    public ArchitectureProvider get(String name) {
        return find(name).orElseThrow(() -> KeelException.invalid("model.architecture: " + name
                + " (expected: one of " + String.join(", ", names()) + ")"));
    }

    public List<String> names() {
        return List.copyOf(providers.keySet());
    }
}
