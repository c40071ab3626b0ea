package dev.keel.server.auth;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;

/** Turns an {@code Authorization} header into a {@link Principal} holding at least a required role. */
public final class Authenticator {
    private final TokenService tokens;

    public Authenticator(TokenService tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    /** Blocking (it reads the database): call it from the blocking executor. */
    public Principal authenticate(String authorizationHeader, Role required) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new KeelException(ErrorCode.UNAUTHENTICATED,
                    "missing API token (expected: header Authorization: Bearer keel_…)");
        }
        String[] parts = authorizationHeader.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw new KeelException(ErrorCode.UNAUTHENTICATED,
                    "Authorization: unsupported scheme (expected: Bearer keel_…)");
        }
        Principal principal = tokens.authenticate(parts[1]);
        if (!principal.role().includes(required)) {
            throw new KeelException(ErrorCode.PERMISSION_DENIED, "token " + principal.name() + " has role "
                    + principal.role().wireName() + " (expected: " + required.wireName() + " or higher)");
        }
        return principal;
    }
}
