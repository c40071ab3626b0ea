package dev.keel.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keel.core.hash.Sha256;
import java.util.Base64;
import java.util.random.RandomGenerator;

/** Token secrets: {@code keel_} + 32 random bytes in unpadded base64url; stored only as their SHA-256. */
final class TokenSecrets {
    static final String PREFIX = "keel_";

    private final RandomGenerator random;

    TokenSecrets(RandomGenerator random) {
        this.random = random;
    }

    String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String newId() {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        return Sha256.of(secret.getBytes(UTF_8));
    }
}
