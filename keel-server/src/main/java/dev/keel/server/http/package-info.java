/**
 * The REST plumbing every API area uses: {@link dev.keel.server.http.ApiRouter} (auth, roles, limits,
 * blocking, streaming bodies), {@link dev.keel.server.http.ApiRoutes} (one per area) and the one error
 * shape ({@link dev.keel.server.http.ErrorResponses}, {@link dev.keel.server.http.KeelErrorHandler}).
 */
package dev.keel.server.http;
