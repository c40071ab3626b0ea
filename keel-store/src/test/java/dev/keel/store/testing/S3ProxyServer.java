package dev.keel.store.testing;

import dev.keel.core.config.S3Config;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server in-process (S3Proxy over an in-memory jclouds store) on a random 127.0.0.1 port,
 * with V4 signatures checked against a test identity. Consumers add {@code org.gaul:s3proxy} as a test
 * dependency (it is test-scoped here, so not transitive).
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start()) {
 *     S3Config config = s3.newBucketConfig("blobs/", S3Config.MIN_PART_BYTES);
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "keel-test-access";
    public static final String SECRET_KEY = "keel-test-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final AtomicInteger buckets = new AtomicInteger();

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
    }

    public static S3ProxyServer start() {
        Properties properties = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(properties)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        return new S3ProxyServer(proxy, context);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Creates an empty bucket and returns its name. */
    public String createBucket() {
        String bucket = "keel-test-" + buckets.incrementAndGet();
        context.getBlobStore().createContainerInLocation(null, bucket);
        return bucket;
    }

    /** A path-style configuration for a new, empty bucket on this server. */
    public S3Config newBucketConfig(String prefix, long multipartPartBytes) {
        return new S3Config(endpoint(), REGION, createBucket(), prefix, true, ACCESS_KEY, SECRET_KEY, multipartPartBytes);
    }

    /** The server's store seen directly, bypassing the S3 API: for tests that inspect or damage objects. */
    public org.jclouds.blobstore.BlobStore backend() {
        return context.getBlobStore();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        } finally {
            context.close();
        }
    }
}
