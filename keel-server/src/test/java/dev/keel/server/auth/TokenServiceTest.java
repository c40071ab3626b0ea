package dev.keel.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The token table and its rules, on SQLite and on a real PostgreSQL (the V3 migration must run on both). */
class TokenServiceTest {
    @TempDir
    Path dir;

    private static TokenService service(MetadataStore store) {
        return new TokenService(new TokenRepository(store), Clock.systemUTC(), new SecureRandom());
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void authenticatesByTheSecretsHashAndStoresNoSecret(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            TokenService tokens = service(store);
            TokenService.Created created = tokens.create("ci", "editor");

            Principal principal = tokens.authenticate(created.secret());

            assertThat(principal).isEqualTo(new Principal(created.token().id(), "ci", Role.EDITOR));
            String hash = store.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM api_tokens")
                    .mapTo(String.class).one());
            assertThat(hash).hasSize(64).isNotEqualTo(created.secret());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void bootstrapOnlyOnAnEmptyStore(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            TokenService tokens = service(store);

            Optional<String> first = tokens.bootstrap(Optional.empty());
            Optional<String> second = tokens.bootstrap(Optional.empty());

            assertThat(first).isPresent();
            assertThat(second).isEmpty();
            assertThat(tokens.authenticate(first.get()).role()).isEqualTo(Role.ADMIN);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void revokedSecretNoLongerAuthenticates(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            TokenService tokens = service(store);
            tokens.bootstrap(Optional.empty());
            TokenService.Created created = tokens.create("temp", "viewer");

            tokens.revoke(created.token().id());

            assertThatThrownBy(() -> tokens.authenticate(created.secret()))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.keel.store.testing.TestDatabases#kinds")
    void lastActiveAdminCannotBeRevokedButOneOfTwoCan(String kind) {
        try (MetadataStore store = TestDatabases.open(kind, dir)) {
            TokenService tokens = service(store);
            tokens.bootstrap(Optional.empty());

            assertThatThrownBy(() -> tokens.revoke("admin"))
                    .isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IN_USE));
            tokens.create("second-admin", "admin");
            tokens.revoke("admin");
            assertThat(tokens.list()).filteredOn(ApiToken::isRevoked).extracting(ApiToken::name).containsExactly("admin");
        }
    }
}
