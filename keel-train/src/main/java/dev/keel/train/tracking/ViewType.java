package dev.keel.train.tracking;

import dev.keel.core.error.KeelException;
import java.util.Locale;

/** Which lifecycle stages a listing includes (MLflow's {@code ViewType}). */
public enum ViewType {
    ACTIVE_ONLY,
    DELETED_ONLY,
    ALL;

    /** The SQL condition on a {@code lifecycle_stage} column; constants only, never user text. */
    String condition(String column) {
        return switch (this) {
            case ACTIVE_ONLY -> column + " = 'active'";
            case DELETED_ONLY -> column + " = 'deleted'";
            case ALL -> "1 = 1";
        };
    }

    /** Accepts {@code ACTIVE_ONLY}/{@code DELETED_ONLY}/{@code ALL} or {@code active}/{@code deleted}/{@code all}. */
    public static ViewType parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return ACTIVE_ONLY;
        }
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "ACTIVE_ONLY", "ACTIVE" -> ACTIVE_ONLY;
            case "DELETED_ONLY", "DELETED" -> DELETED_ONLY;
            case "ALL" -> ALL;
            default -> throw KeelException.invalid(field + ": " + value + " (expected: ACTIVE_ONLY, DELETED_ONLY or ALL)");
        };
    }
}
