package dev.keel.server.auth;

import static java.util.Objects.requireNonNull;

import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import java.time.Instant;
import java.util.List;

/** {@code /api/v1/tokens} (admin) and {@code /api/v1/whoami} (any token). */
public final class TokenApi implements ApiRoutes {
    private final TokenService tokens;

    public TokenApi(TokenService tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    record CreateTokenRequest(String name, String role) {}

    record TokenView(String id, String name, String role, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.role().wireName(), token.createdAt(),
                    token.lastUsedAt().orElse(null), token.revokedAt().orElse(null));
        }
    }

    record CreatedTokenView(String id, String name, String role, Instant createdAt, String token) {}

    record TokenList(List<TokenView> tokens) {}

    record WhoAmI(String name, String role, String tokenId) {}

    @Override
    public void register(ApiRouter router) {
        router.post("/tokens", Role.ADMIN, request -> {
            CreateTokenRequest body = request.body(CreateTokenRequest.class);
            TokenService.Created created = tokens.create(body.name(), body.role());
            ApiToken token = created.token();
            return ApiResponse.created(new CreatedTokenView(token.id(), token.name(), token.role().wireName(),
                    token.createdAt(), created.secret()));
        });
        router.get("/tokens", Role.ADMIN, request -> new TokenList(tokens.list().stream().map(TokenView::of).toList()));
        router.delete("/tokens/{token}", Role.ADMIN, request -> {
            tokens.revoke(request.pathParam("token"));
            return ApiResponse.noContent();
        });
        router.get("/whoami", Role.VIEWER, request -> new WhoAmI(request.principal().name(),
                request.principal().role().wireName(), request.principal().tokenId()));
    }
}
