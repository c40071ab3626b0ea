package dev.keel.train.tracking;

import dev.keel.core.error.KeelException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page tokens: the offset of the next page, base64url-encoded so clients treat it as a blob. */
public final class PageTokens {
    private static final String PREFIX = "offset:";

    private PageTokens() {}

    public static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token stands for; 0 for null or empty; INVALID_ARGUMENT for anything not made by {@link #encode}. */
    public static int decode(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int offset = Integer.parseInt(text.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw KeelException.invalid("page_token: " + token + " (expected: a token returned by the previous page)");
    }
}
