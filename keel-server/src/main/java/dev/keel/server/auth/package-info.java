/**
 * Authentication and authorisation: bearer API tokens stored as SHA-256 hashes, the viewer &lt; editor &lt;
 * admin {@link dev.keel.server.auth.Role}s, first-start admin bootstrap and the {@code /api/v1/tokens} routes.
 */
package dev.keel.server.auth;
