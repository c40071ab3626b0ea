package dev.keel.server.blobs;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpMethod;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiResponse;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import dev.keel.store.blob.BlobRef;
import dev.keel.store.blob.BlobStore;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code POST /api/v1/blobs} (streamed upload, verified against {@code X-Keel-Sha256} and
 * {@code Content-Length}) and {@code HEAD /api/v1/blobs/{sha256}} (lets clients skip what the server has).
 */
public final class BlobApi implements ApiRoutes {
    public static final String SHA256_HEADER = "X-Keel-Sha256";

    private final BlobStore blobs;

    public BlobApi(BlobStore blobs) {
        this.blobs = requireNonNull(blobs, "blobs is null");
    }

    record Uploaded(String sha256, long size) {}

    @Override
    public void register(ApiRouter router) {
        router.streaming(HttpMethod.POST, "/blobs", Role.EDITOR, request -> {
            Optional<String> expected = request.header(SHA256_HEADER).map(String::trim);
            if (expected.isPresent() && !Sha256.isValid(expected.get())) {
                throw KeelException.invalid(SHA256_HEADER + ": " + expected.get()
                        + " (expected: 64 lower-case hex characters)");
            }
            try (InputStream body = request.bodyStream()) {
                BlobRef ref = blobs.put(body, expected, request.contentLength());
                return ApiResponse.created(new Uploaded(ref.sha256(), ref.size()));
            }
        });
        router.head("/blobs/{sha256}", Role.VIEWER, request -> {
            String sha256 = request.pathParam("sha256");
            if (!Sha256.isValid(sha256)) {
                throw KeelException.invalid("sha256: " + sha256 + " (expected: 64 lower-case hex characters)");
            }
            if (!blobs.exists(sha256)) {
                throw new KeelException(ErrorCode.NOT_FOUND, "blob " + sha256 + " not found");
            }
            return ApiResponse.ok(null);
        });
    }
}
