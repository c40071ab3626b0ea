package dev.keel.client.tokens;

import static java.util.Objects.requireNonNull;

import dev.keel.client.KeelClient;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/tokens}: API tokens (admin only). A token's secret is returned once, at creation. */
public final class TokensClient {
    private final KeelClient client;

    public TokensClient(KeelClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    /** @param role {@code viewer}, {@code editor} or {@code admin} */
    public CreatedToken create(String name, String role) {
        return client.post("/api/v1/tokens", Map.of("name", name, "role", role), CreatedToken.class);
    }

    public List<TokenInfo> list() {
        return client.get("/api/v1/tokens", TokenList.class).tokens();
    }

    /** Revokes by id or name; a revoked token fails every later request with 401. */
    public void revoke(String idOrName) {
        client.delete("/api/v1/tokens/" + KeelClient.segment(idOrName));
    }

    record TokenList(List<TokenInfo> tokens) {}
}
