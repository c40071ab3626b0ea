package dev.keel.server;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;

/**
 * An upload whose body is sent in two halves over a raw socket, so a test holds a request in flight for as
 * long as it needs (no sleeps): the server's handler blocks reading the second half.
 */
final class HeldUpload implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final byte[] body;

    HeldUpload(URI server, String token, byte[] body) throws IOException {
        this.body = body;
        this.socket = new Socket(server.getHost(), server.getPort());
        this.out = socket.getOutputStream();
        String headers = "POST /api/v1/blobs HTTP/1.1\r\n"
                + "Host: " + server.getHost() + ":" + server.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        out.write(headers.getBytes(US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
    }

    /** Sends the rest of the body and returns the raw HTTP response head and body. */
    String finish() throws IOException {
        out.write(body, body.length / 2, body.length - body.length / 2);
        out.flush();
        return readResponse(socket.getInputStream());
    }

    /** Reads one HTTP/1.1 response with a Content-Length body. */
    static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        int length = head.toString().lines()
                .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst().orElse(0);
        return head + new String(in.readNBytes(length), US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
