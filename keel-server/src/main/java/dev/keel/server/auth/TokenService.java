package dev.keel.server.auth;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** Creates, checks and revokes API tokens. A secret is returned once, at creation, and never stored. */
public final class TokenService {
    static final String BOOTSTRAP_NAME = "admin";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    /** last-used times are advisory: writing one per request would serialise every request on SQLite. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final TokenRepository repository;
    private final Clock clock;
    private final TokenSecrets secrets;

    public TokenService(TokenRepository repository, Clock clock, RandomGenerator secureRandom) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.secrets = new TokenSecrets(requireNonNull(secureRandom, "secureRandom is null"));
    }

    public record Created(ApiToken token, String secret) {}

    public Created create(String name, String role) {
        Problems problems = new Problems()
                .require(name != null && NAME.matcher(name).matches(), "name", name,
                        "1-100 characters of letters, digits, '.', '_', '@', '-'");
        Role parsed = null;
        try {
            parsed = Role.parse("role", role);
        } catch (KeelException e) {
            problems.add(e.getMessage());
        }
        problems.throwIfAny("token");
        return insert(name, parsed, secrets.newSecret());
    }

    private Created insert(String name, Role role, String secret) {
        ApiToken token = new ApiToken(secrets.newId(), name, role, now(), Optional.empty(), Optional.empty());
        try {
            repository.insert(token, TokenSecrets.hash(secret));
        } catch (KeelException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                throw new KeelException(ErrorCode.ALREADY_EXISTS, "token " + name + " already exists", e);
            }
            throw e;
        }
        return new Created(token, secret);
    }

    /**
     * On a store with no tokens at all, installs the first admin token: {@code configured} when given
     * ({@code KEEL_ADMIN_TOKEN}), else a new secret that is returned so the caller can show it once.
     */
    public Optional<String> bootstrap(Optional<String> configured) {
        if (repository.count() > 0) {
            return Optional.empty();
        }
        configured.ifPresent(secret -> new Problems()
                .require(secret.length() >= 20, "KEEL_ADMIN_TOKEN", "(" + secret.length() + " characters)",
                        "at least 20 characters; `keel_` + 43 random characters is the usual shape")
                .throwIfAny("admin token"));
        String secret = configured.orElseGet(secrets::newSecret);
        try {
            insert(BOOTSTRAP_NAME, Role.ADMIN, secret);
        } catch (KeelException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                return Optional.empty(); // another replica bootstrapped at the same moment
            }
            throw e;
        }
        return configured.isPresent() ? Optional.empty() : Optional.of(secret);
    }

    /** The principal of a bearer secret; UNAUTHENTICATED when unknown or revoked. */
    public Principal authenticate(String secret) {
        ApiToken token = repository.findByHash(TokenSecrets.hash(secret))
                .orElseThrow(() -> new KeelException(ErrorCode.UNAUTHENTICATED, "invalid API token"));
        if (token.isRevoked()) {
            throw new KeelException(ErrorCode.UNAUTHENTICATED, "API token " + token.name() + " has been revoked");
        }
        Instant now = now();
        if (token.lastUsedAt().map(last -> last.plus(TOUCH_INTERVAL).isBefore(now)).orElse(true)) {
            repository.touch(token.id(), now);
        }
        return token.principal();
    }

    public List<ApiToken> list() {
        return repository.list();
    }

    /** Revokes by id or name; NOT_FOUND if neither matches, IN_USE for the last active admin token. */
    public void revoke(String idOrName) {
        ApiToken token = repository.findByIdOrName(idOrName)
                .orElseThrow(() -> KeelException.notFound("token " + idOrName));
        if (token.isRevoked()) {
            return;
        }
        if (!repository.revoke(token.id(), now())) {
            throw new KeelException(ErrorCode.IN_USE,
                    "token " + token.name() + " is the last active admin token; create another admin token first");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
