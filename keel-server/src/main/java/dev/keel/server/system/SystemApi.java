package dev.keel.server.system;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import dev.keel.core.KeelVersion;
import dev.keel.server.auth.Role;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ApiRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /api/v1/version} and the OpenAPI document {@code /api/v1/openapi.json}. */
public final class SystemApi implements ApiRoutes {
    public static final String OPENAPI_RESOURCE = "/dev/keel/server/openapi.json";

    record Version(String version) {}

    @Override
    public void register(ApiRouter router) {
        router.get("/version", Role.VIEWER, request -> new Version(KeelVersion.current()));
        byte[] document = openApiDocument();
        router.get("/openapi.json", Role.VIEWER, request -> HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, document));
    }

    public static byte[] openApiDocument() {
        try (InputStream in = SystemApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
