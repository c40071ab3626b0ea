package dev.keel.train.tracking.search;

import dev.keel.core.error.KeelException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The run attributes a filter or sort may use, with their column and whether they compare as numbers. */
enum RunAttribute {
    RUN_ID("r.id", false, "run_id", "id", "run_uuid"),
    RUN_NAME("r.name", false, "run_name", "name", "runname"),
    STATUS("r.status", false, "status"),
    USER_ID("r.user_id", false, "user_id", "user"),
    START_TIME("r.start_time", true, "start_time", "created"),
    END_TIME("r.end_time", true, "end_time"),
    ARTIFACT_URI("r.artifact_uri", false, "artifact_uri"),
    EXPERIMENT_ID("r.experiment_id", false, "experiment_id"),
    DATASET_VERSION("r.dataset_version_id", false, "dataset_version", "dataset_version_id"),
    DATASET_HASH("r.dataset_version_hash", false, "dataset_hash", "dataset_version_hash"),
    SPEC_HASH("r.spec_hash", false, "spec_hash"),
    SEED("r.seed", true, "seed");

    private final String column;
    private final boolean numeric;
    private final String[] names;

    RunAttribute(String column, boolean numeric, String... names) {
        this.column = column;
        this.numeric = numeric;
        this.names = names;
    }

    String column() {
        return column;
    }

    boolean numeric() {
        return numeric;
    }

    static RunAttribute of(String key) {
        return find(key).orElseThrow(() -> KeelException.invalid("attributes." + key + ": unknown attribute (expected one of: "
                + Arrays.stream(values()).map(a -> a.names[0]).collect(Collectors.joining(", ")) + ")"));
    }

    static Optional<RunAttribute> find(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> Arrays.asList(a.names).contains(name)).findFirst();
    }
}
