package dev.keel.cli;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Which server the CLI talks to, and with which token: flags, else {@code KEEL_URL}/{@code KEEL_TOKEN}, else the
 * saved {@link CliConfigFile}, else {@value #DEFAULT_URL} without a token. URL and token resolve independently.
 */
public record ServerTarget(URI url, Optional<String> token) {
    public static final String DEFAULT_URL = "http://127.0.0.1:7733";

    public static ServerTarget resolve(String urlFlag, String tokenFlag, Map<String, String> env, CliConfigFile file) {
        Optional<CliConfigFile.Saved> saved = file.read();
        String url = first(urlFlag, env.get("KEEL_URL"), saved.map(CliConfigFile.Saved::url).orElse(null));
        String token = first(tokenFlag, env.get("KEEL_TOKEN"), saved.map(CliConfigFile.Saved::token).orElse(null));
        return new ServerTarget(URI.create(url == null ? DEFAULT_URL : url), Optional.ofNullable(token));
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
