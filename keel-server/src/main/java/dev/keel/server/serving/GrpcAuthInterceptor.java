package dev.keel.server.serving;

import dev.keel.server.auth.Role;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Requires {@code authorization: Bearer keel_…} metadata on every gRPC call. The gRPC service runs on the
 * blocking executor, so the (database-backed) token check may block here.
 */
final class GrpcAuthInterceptor implements ServerInterceptor {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final InferenceAuth auth;

    GrpcAuthInterceptor(InferenceAuth auth) {
        this.auth = auth;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        try {
            auth.authenticate(headers.get(AUTHORIZATION), Role.VIEWER, Runnable::run).join();
        } catch (RuntimeException e) {
            call.close(OipGrpcService.status(e).getStatus(), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
