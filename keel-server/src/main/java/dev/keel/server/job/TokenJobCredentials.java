package dev.keel.server.job;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.server.auth.TokenService;
import dev.keel.train.job.JobCredentials;

/** Job-scoped tokens from the server's token service: editor role, named {@code job-ID-aN}. */
final class TokenJobCredentials implements JobCredentials {
    private final TokenService tokens;

    TokenJobCredentials(TokenService tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    @Override
    public Credential issue(String jobId, int attempt) {
        TokenService.Created created = tokens.create("job-" + jobId + "-a" + attempt, "editor");
        return new Credential(created.token().id(), created.secret());
    }

    @Override
    public void revoke(String tokenId) {
        try {
            tokens.revoke(tokenId);
        } catch (KeelException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
    }
}
