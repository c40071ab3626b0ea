package dev.keel.client.tokens;

import java.time.Instant;

/** A newly created token, with its secret ({@code token}): the only time the server reveals it. */
public record CreatedToken(String id, String name, String role, Instant createdAt, String token) {}
