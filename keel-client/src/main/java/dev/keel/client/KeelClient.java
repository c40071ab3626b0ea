package dev.keel.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.keel.client.tokens.TokensClient;
import dev.keel.core.KeelVersion;
import dev.keel.core.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Java client of Keel's REST API. JSON helpers ({@link #get}, {@link #post}, {@link #put}, {@link #delete})
 * take paths under the base URL ({@code /api/v1/…}); uploads and downloads stream, so blobs of any size pass
 * through without being held in memory. Every failure is a {@link KeelClientException}.
 */
public final class KeelClient {
    private final URI baseUrl;
    private final Optional<String> token;
    private final HttpClient http;
    private final ObjectMapper json;

    public KeelClient(URI baseUrl, Optional<String> token, HttpClient http) {
        String base = requireNonNull(baseUrl, "baseUrl is null").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = requireNonNull(token, "token is null").filter(t -> !t.isBlank());
        this.http = requireNonNull(http, "http is null");
        this.json = newObjectMapper();
    }

    /** A client with its own HTTP/1.1 connection pool (HTTP/1.1: no h2c upgrade dance before large uploads). */
    public static KeelClient create(URI baseUrl, String token) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return new KeelClient(baseUrl, Optional.ofNullable(token), http);
    }

    public static ObjectMapper newObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public ObjectMapper json() {
        return json;
    }

    public TokensClient tokens() {
        return new TokensClient(this);
    }

    public dev.keel.client.tracking.TrackingClient tracking() {
        return new dev.keel.client.tracking.TrackingClient(this);
    }

    // VERSIONS: add `public DatasetsClient datasets() { return new DatasetsClient(this); }` on the line below.
    public dev.keel.client.datasets.DatasetsClient datasets() {
        return new dev.keel.client.datasets.DatasetsClient(this);
    }

    public dev.keel.client.monitor.MonitorClient monitor() {
        return new dev.keel.client.monitor.MonitorClient(this);
    }

    /** Percent-encodes one path segment (a name, a tag, a file path part). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public <T> T get(String path, Class<T> type) {
        return readJson(send(request(path).GET()), type);
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return readJson(send(request(path).POST(jsonBody(body)).header("Content-Type", "application/json")), type);
    }

    public <T> T put(String path, Object body, Class<T> type) {
        return readJson(send(request(path).PUT(jsonBody(body)).header("Content-Type", "application/json")), type);
    }

    public void delete(String path) {
        send(request(path).DELETE());
    }

    /** True when the resource exists (200), false on 404; anything else fails. */
    public boolean exists(String path) {
        HttpResponse<byte[]> response = sendRaw(request(path).method("HEAD", BodyPublishers.noBody()),
                BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return false;
        }
        check(response.statusCode(), response.body());
        return true;
    }

    /**
     * Uploads a file as a blob, hashing it first so the server verifies the bytes and an upload the server
     * already holds is skipped.
     */
    public UploadedBlob uploadBlob(Path file, LongConsumer progress) {
        try {
            long size = Files.size(file);
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            String sha256 = Sha256.hex(digest.digest());
            if (exists("/api/v1/blobs/" + sha256)) {
                progress.accept(size);
                return new UploadedBlob(sha256, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return uploadBlob(in, size, Optional.of(sha256), progress);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Streams {@code size} bytes (-1: unknown) to {@code POST /api/v1/blobs}; {@code progress} receives the running total of
     * bytes sent. {@code sha256}, when given, is verified by the server (HASH_MISMATCH otherwise).
     */
    public UploadedBlob uploadBlob(InputStream content, long size, Optional<String> sha256, LongConsumer progress) {
        InputStream counted = new CountingInputStream(content, progress);
        HttpRequest.BodyPublisher stream = BodyPublishers.ofInputStream(() -> counted);
        // A known size goes out as Content-Length (the server checks it); an unknown one is sent chunked.
        HttpRequest.BodyPublisher body = size > 0 ? BodyPublishers.fromPublisher(stream, size)
                : size == 0 ? BodyPublishers.noBody() : stream;
        HttpRequest.Builder request = request("/api/v1/blobs")
                .POST(body)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofDays(1));
        sha256.ifPresent(hash -> request.header("X-Keel-Sha256", hash));
        return readJson(send(request), UploadedBlob.class);
    }

    /** Streams a response body into {@code out}; returns the number of bytes written. */
    public long download(String path, OutputStream out, LongConsumer progress) {
        HttpResponse<InputStream> response = sendRaw(request(path).GET().timeout(Duration.ofDays(1)),
                BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() >= 300) {
                check(response.statusCode(), in.readAllBytes());
            }
            return new CountingInputStream(in, progress).transferTo(out);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** Downloads into a file atomically: a partial download never appears under {@code target}. */
    public long download(String path, Path target, LongConsumer progress) {
        Path parent = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "." + target.getFileName(), ".part");
            try {
                long n;
                try (OutputStream out = Files.newOutputStream(temp)) {
                    n = download(path, out, progress);
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return n;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json")
                .header("User-Agent", "keel-client/" + KeelVersion.current());
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body as JSON: " + e.getMessage(), e);
        }
    }

    private byte[] send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = sendRaw(request, BodyHandlers.ofByteArray());
        check(response.statusCode(), response.body());
        return response.body();
    }

    private <B> HttpResponse<B> sendRaw(HttpRequest.Builder request, HttpResponse.BodyHandler<B> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeelClientException(0, "INTERRUPTED", "interrupted while calling " + baseUrl, List.of(), e);
        }
    }

    private void check(int status, byte[] body) {
        if (status >= 300) {
            throw ErrorBodies.toException(json, status, body);
        }
    }

    private KeelClientException unavailable(IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new KeelClientException(0, "UNAVAILABLE", "cannot reach Keel server at " + baseUrl + ": " + reason,
                List.of(), e);
    }

    private <T> T readJson(byte[] body, Class<T> type) {
        if (type == Void.class) {
            return null;
        }
        if (type == String.class) {
            return type.cast(new String(body, StandardCharsets.UTF_8));
        }
        try {
            if (body.length == 0) {
                return type == JsonNode.class ? type.cast(json.nullNode()) : null;
            }
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new KeelClientException(0, "MALFORMED_RESPONSE", "unexpected answer from " + baseUrl + ": "
                    + e.getMessage(), List.of(), e);
        }
    }
}
