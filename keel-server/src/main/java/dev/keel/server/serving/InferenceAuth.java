package dev.keel.server.serving;

import static java.util.Objects.requireNonNull;

import dev.keel.server.auth.Authenticator;
import dev.keel.server.auth.Principal;
import dev.keel.server.auth.Role;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Token checks for inference calls. A database read per prediction would cost more than a small model's
 * compute, so a verified {@code Authorization} value is trusted for {@code ttl} (a revoked token keeps working
 * for at most that long). Misses run on the blocking executor; hits never leave the calling thread.
 */
final class InferenceAuth {
    private record Verified(Principal principal, long expiresNanos) {}

    private static final int MAX_ENTRIES = 10_000;

    private final Authenticator authenticator;
    private final Duration ttl;
    private final LongSupplier nanoTime;
    private final Map<String, Verified> cache = new ConcurrentHashMap<>();

    InferenceAuth(Authenticator authenticator, Duration ttl, LongSupplier nanoTime) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** The principal for a header holding at least {@code role}; fails with UNAUTHENTICATED/PERMISSION_DENIED. */
    CompletableFuture<Principal> authenticate(String authorization, Role role, Executor blocking) {
        if (authorization != null) {
            Verified verified = cache.get(authorization);
            if (verified != null && nanoTime.getAsLong() - verified.expiresNanos() < 0
                    && verified.principal().role().includes(role)) {
                return CompletableFuture.completedFuture(verified.principal());
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            Principal principal = authenticator.authenticate(authorization, role);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(authorization, new Verified(principal, nanoTime.getAsLong() + ttl.toNanos()));
            return principal;
        }, blocking);
    }
}
