package dev.keel.server.auth;

import static java.util.Objects.requireNonNull;

/** Who made a request: the token's id, its name (recorded as the author of what the request creates) and role. */
public record Principal(String tokenId, String name, Role role) {
    public Principal {
        requireNonNull(tokenId, "tokenId is null");
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
    }
}
