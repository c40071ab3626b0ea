package dev.keel.server.auth;

import dev.keel.core.error.KeelException;
import java.util.Locale;

/** What a token may do; each role includes the ones before it: viewer reads, editor writes, admin administers. */
public enum Role {
    VIEWER,
    EDITOR,
    ADMIN;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer}/{@code editor}/{@code admin}; INVALID_ARGUMENT naming {@code field} otherwise. */
    public static Role parse(String field, String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.wireName().equals(value.toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw KeelException.invalid(field + ": " + value + " (expected: viewer, editor or admin)");
    }
}
