package dev.keel.server.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import dev.keel.serve.deploy.Deployments;
import dev.keel.serve.deploy.ModelSource;
import dev.keel.serve.deploy.ServingObserver;
import dev.keel.server.auth.Authenticator;
import dev.keel.server.auth.TokenRepository;
import dev.keel.server.auth.TokenService;
import dev.keel.server.http.ApiRouter;
import dev.keel.server.http.ErrorResponses;
import dev.keel.server.http.JsonBodies;
import dev.keel.store.metadata.MetadataStore;
import dev.keel.store.testing.TestDatabases;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * A real Armeria server on a random loopback port carrying exactly what KeelServer mounts for serving: the
 * inference protocols, gRPC and the endpoint management routes, with real token authentication on SQLite.
 */
final class ServingServer implements AutoCloseable {
    static final String TOKEN = "keel_serving-test-token-0123456789abcdefghijklmn";

    final MetadataStore metadata;
    final Deployments deployments;
    final Server server;

    ServingServer(Path home, ModelSource models) {
        metadata = TestDatabases.open(TestDatabases.SQLITE, home);
        TokenService tokens = new TokenService(new TokenRepository(metadata), Clock.systemUTC(), new SecureRandom());
        tokens.bootstrap(Optional.of(TOKEN));
        Authenticator authenticator = new Authenticator(tokens);
        ObjectMapper json = JsonBodies.newObjectMapper();
        ErrorResponses errors = new ErrorResponses(json);
        deployments = new Deployments(models, null, ServingObserver.NONE, 7);
        ServingModule serving = new ServingModule(deployments, authenticator, json, errors);
        ServerBuilder builder = Server.builder().port(new InetSocketAddress("127.0.0.1", 0),
                com.linecorp.armeria.common.SessionProtocol.HTTP);
        serving.register(builder);
        ApiRouter router = new ApiRouter(builder, authenticator, json, errors, 64, 1 << 20);
        serving.managementRoutes().register(router);
        server = builder.build();
        server.start().join();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.activeLocalPort());
    }

    int port() {
        return server.activeLocalPort();
    }

    @Override
    public void close() {
        server.stop().join();
        deployments.close();
        metadata.close();
    }
}
