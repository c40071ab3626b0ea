package dev.keel.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the server's {@code {"error":{"code","message","details"}}} shape, tolerating anything else. */
final class ErrorBodies {
    private ErrorBodies() {}

    static KeelClientException toException(ObjectMapper json, int status, byte[] body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isObject()) {
                List<String> details = new ArrayList<>();
                error.path("details").forEach(d -> details.add(d.isTextual() ? d.asText() : d.toString()));
                return new KeelClientException(status, error.path("code").asText("HTTP_" + status),
                        error.path("message").asText("HTTP " + status), details);
            }
        } catch (Exception notJson) {
            // fall through: a proxy or something else answered
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        String message = text.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + text.lines().findFirst().orElse("");
        return new KeelClientException(status, "HTTP_" + status, message, List.of());
    }
}
