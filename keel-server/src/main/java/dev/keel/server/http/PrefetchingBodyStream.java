package dev.keel.server.http;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.stream.StreamMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A request body as a blocking {@link InputStream} for the upload routes. Unlike a one-chunk-at-a-time
 * bridge, it asks the event loop for chunks in batches ({@value #PREFETCH} in flight at most), because each
 * demand signal from the blocking thread costs an event-loop wake-up: per 16 KiB chunk that cost capped
 * uploads at about a third of what the blob store can write. Memory stays bounded by the prefetch window.
 */
final class PrefetchingBodyStream extends InputStream implements Subscriber<HttpObject> {
    private static final int PREFETCH = 64;
    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private volatile Subscription subscription;
    private byte[] current = new byte[0];
    private int position;
    private int consumedSinceRequest;
    private boolean ended;

    PrefetchingBodyStream(StreamMessage<? extends HttpObject> body) {
        body.subscribe(this);
    }

    @Override
    public void onSubscribe(Subscription newSubscription) {
        subscription = newSubscription;
        newSubscription.request(PREFETCH);
    }

    @Override
    public void onNext(HttpObject object) {
        if (object instanceof HttpData data) {
            byte[] bytes = data.array();
            data.close();
            chunks.add(bytes);
        } else {
            chunks.add(new byte[0]); // headers/trailers: nothing to read, but the demand was spent on them
        }
    }

    @Override
    public void onError(Throwable cause) {
        chunks.add(cause);
    }

    @Override
    public void onComplete() {
        chunks.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended || !nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        Object next;
        try {
            next = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the request body");
        }
        if (next == END) {
            ended = true;
            return false;
        }
        if (next instanceof Throwable cause) {
            ended = true;
            throw new IOException("request body failed: " + cause.getMessage(), cause);
        }
        current = (byte[]) next;
        position = 0;
        if (++consumedSinceRequest == PREFETCH / 2) {
            consumedSinceRequest = 0;
            subscription.request(PREFETCH / 2);
        }
        return true;
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            Subscription active = subscription;
            if (active != null) {
                active.cancel();
            }
        }
        chunks.clear();
    }
}
