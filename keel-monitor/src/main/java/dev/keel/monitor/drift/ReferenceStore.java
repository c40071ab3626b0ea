package dev.keel.monitor.drift;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.store.metadata.MetadataStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference distributions per model version, computed once by the {@link ReferenceSource} and stored; later
 * calls (and other servers) read the stored rows. A version without traceable training data is stored as
 * an empty marker row so it is not recomputed on every scoring round.
 */
public final class ReferenceStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONE = "";

    private final MetadataStore store;
    private final ReferenceSource source;
    private final Clock clock;
    private final Map<String, List<Reference>> cache = new ConcurrentHashMap<>();

    public ReferenceStore(MetadataStore store, ReferenceSource source, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.source = requireNonNull(source, "source is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The version's references, computing and storing them on first use. */
    public List<Reference> references(String model, String version) {
        return cache.computeIfAbsent(model + "\u0000" + version, key -> loadOrCompute(model, version));
    }

    private List<Reference> loadOrCompute(String model, String version) {
        List<Reference> stored = load(model, version);
        if (stored != null) {
            return stored;
        }
        List<Reference> computed = source.compute(model, version);
        save(model, version, computed);
        // Another server may have stored its own copy first; both computed the same data, read what won.
        List<Reference> winner = load(model, version);
        return winner == null ? computed : winner;
    }

    private List<Reference> load(String model, String version) {
        List<Map<String, Object>> rows = store.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT feature, kind, payload FROM monitor_references
                        WHERE model = :model AND version = :version ORDER BY feature""")
                .bind("model", model).bind("version", version).mapToMap().list());
        if (rows.isEmpty()) {
            return null;
        }
        List<Reference> references = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String feature = (String) row.get("feature");
            if (feature.equals(NONE)) {
                continue;
            }
            references.add(decode(feature, Reference.Kind.valueOf((String) row.get("kind")), (String) row.get("payload")));
        }
        return List.copyOf(references);
    }

    private void save(String model, String version, List<Reference> references) {
        try {
            store.inTransaction(handle -> {
                var insert = handle.prepareBatch("""
                        INSERT INTO monitor_references (model, version, feature, kind, payload, created_at)
                        VALUES (:model, :version, :feature, :kind, :payload, :created)""");
                if (references.isEmpty()) {
                    insert.bind("model", model).bind("version", version).bind("feature", NONE).bind("kind", "NONE")
                            .bind("payload", "{}").bind("created", clock.millis()).add();
                }
                for (Reference reference : references) {
                    insert.bind("model", model).bind("version", version).bind("feature", reference.feature())
                            .bind("kind", reference.kind().name()).bind("payload", encode(reference))
                            .bind("created", clock.millis()).add();
                }
                return insert.execute();
            });
        } catch (RuntimeException e) {
            // A concurrent server stored them first (primary key): its rows are read back by the caller.
        }
    }

    private static String encode(Reference reference) {
        try {
            return reference.kind() == Reference.Kind.NUMERIC
                    ? JSON.writeValueAsString(reference.sortedValues())
                    : JSON.writeValueAsString(reference.counts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reference decode(String feature, Reference.Kind kind, String payload) {
        try {
            return kind == Reference.Kind.NUMERIC
                    ? new Reference(feature, kind, JSON.readValue(payload, double[].class), null)
                    : new Reference(feature, kind, null, JSON.readValue(payload, new TypeReference<Map<String, Long>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reference " + feature + " is not readable", e);
        }
    }
}
