package dev.keel.train.job;

/**
 * Issues the token a job's worker authenticates with (editor role, named after the job attempt) and revokes it
 * when the attempt ends, so a worker never holds the admin's token and a leaked one dies with its job. The
 * server implements it over its token service.
 */
public interface JobCredentials {
    record Credential(String tokenId, String secret) {
        @Override
        public String toString() {
            return "Credential[tokenId=" + tokenId + "]";
        }
    }

    Credential issue(String jobId, int attempt);

    /** Idempotent: revoking a revoked or unknown token does nothing. */
    void revoke(String tokenId);
}
