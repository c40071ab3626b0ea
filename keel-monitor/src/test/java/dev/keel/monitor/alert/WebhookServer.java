package dev.keel.monitor.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real loopback HTTP server that answers 503 to the first {@code failures} posts, then 204. */
final class WebhookServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    WebhookServer(int failures) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int attempt = attempts.incrementAndGet();
            if (attempt <= failures) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(body);
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    int attempts() {
        return attempts.get();
    }

    List<String> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
