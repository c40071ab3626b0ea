package dev.keel.train.tracking;

/** MLflow's soft delete: a deleted experiment or run is hidden from default listings and can be restored. */
public enum LifecycleStage {
    ACTIVE("active"),
    DELETED("deleted");

    private final String wireName;

    LifecycleStage(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static LifecycleStage fromColumn(String value) {
        return "deleted".equals(value) ? DELETED : ACTIVE;
    }
}
