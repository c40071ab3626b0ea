package dev.keel.server.http;

/**
 * One area of the REST API (tokens, blobs, datasets, …). {@code KeelServer} registers every area's routes
 * through an {@link ApiRouter}, which takes care of authentication, roles, limits, blocking and errors.
 */
public interface ApiRoutes {
    /** Registers this area's routes; paths are relative to {@code /api/v1}. */
    void register(ApiRouter router);
}
