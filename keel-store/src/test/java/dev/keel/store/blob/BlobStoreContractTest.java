package dev.keel.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link BlobStore} must have; subclasses provide the store and a way to inspect it. */
abstract class BlobStoreContractTest {
    protected static final byte[] HELLO = "hello, keel".getBytes(StandardCharsets.UTF_8);

    /** The store under test, empty at the start of each test. */
    protected abstract BlobStore store();

    /** Everything the store holds other than finished blobs (temp files, temp objects, open uploads). */
    protected abstract List<String> leftovers();

    /** Replaces the stored bytes of a blob behind the store's back. */
    protected abstract void corrupt(String sha256, byte[] bytes);

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    protected static void assertFailsWith(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KeelException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void storesAndReadsBack() {
        BlobRef ref = store().put(new ByteArrayInputStream(HELLO), Optional.of(Sha256.of(HELLO)), HELLO.length);

        assertThat(ref).isEqualTo(new BlobRef(Sha256.of(HELLO), HELLO.length));
        assertThat(readAll(store().open(ref.sha256()))).isEqualTo(HELLO);
        assertThat(store().exists(ref.sha256())).isTrue();
        assertThat(store().size(ref.sha256())).isEqualTo(HELLO.length);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void storesContentOfUnknownHashAndSize() {
        BlobRef ref = store().put(new ByteArrayInputStream(HELLO), Optional.empty(), -1);

        assertThat(ref.sha256()).isEqualTo(Sha256.of(HELLO));
    }

    @Test
    void storesAnEmptyBlob() {
        BlobRef ref = store().put(InputStream.nullInputStream(), Optional.empty(), 0);

        assertThat(readAll(store().open(ref.sha256()))).isEmpty();
    }

    @Test
    void storesTheSameContentOnce() {
        BlobRef first = store().put(new ByteArrayInputStream(HELLO), Optional.empty(), -1);
        BlobRef second = store().put(new ByteArrayInputStream(HELLO), Optional.empty(), -1);

        assertThat(second).isEqualTo(first);
        assertThat(readAll(store().open(first.sha256()))).isEqualTo(HELLO);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void rejectsUploadWhoseHashDoesNotMatch() {
        String otherHash = Sha256.of("something else".getBytes(StandardCharsets.UTF_8));

        assertFailsWith(ErrorCode.HASH_MISMATCH,
                () -> store().put(new ByteArrayInputStream(HELLO), Optional.of(otherHash), HELLO.length));

        assertThat(store().exists(Sha256.of(HELLO))).isFalse();
        assertThat(store().exists(otherHash)).isFalse();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void rejectsTruncatedUploadAndStoresNothing() {
        assertFailsWith(ErrorCode.TRUNCATED_UPLOAD,
                () -> store().put(new ByteArrayInputStream(HELLO), Optional.empty(), HELLO.length + 1));

        assertThat(store().exists(Sha256.of(HELLO))).isFalse();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void rejectsOversizedUploadAndStoresNothing() {
        assertFailsWith(ErrorCode.TRUNCATED_UPLOAD,
                () -> store().put(new ByteArrayInputStream(HELLO), Optional.empty(), HELLO.length - 1));

        assertThat(store().exists(Sha256.of(HELLO))).isFalse();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void rejectsAnUploadWhoseStreamBreaksAndStoresNothing() {
        InputStream broken = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 100) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };

        assertFailsWith(ErrorCode.TRUNCATED_UPLOAD, () -> store().put(broken, Optional.empty(), -1));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void failsLoudlyWhenReadingACorruptedBlob() {
        BlobRef ref = store().put(new ByteArrayInputStream(HELLO), Optional.empty(), -1);
        corrupt(ref.sha256(), "hello, kelp".getBytes(StandardCharsets.UTF_8));

        assertFailsWith(ErrorCode.CORRUPT_BLOB, () -> readAll(store().open(ref.sha256())));
    }

    @Test
    void storesConcurrentPutsOfTheSameContentOnce() throws Exception {
        byte[] content = randomBytes(300_000, 7);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<BlobRef>> puts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                puts.add(executor.submit(() -> {
                    start.await();
                    return store().put(new ByteArrayInputStream(content), Optional.of(Sha256.of(content)), content.length);
                }));
            }
            start.countDown();
            for (Future<BlobRef> put : puts) {
                assertThat(put.get()).isEqualTo(new BlobRef(Sha256.of(content), content.length));
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(readAll(store().open(Sha256.of(content)))).isEqualTo(content);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void reportsAMissingBlobAsNotFound() {
        String missing = Sha256.of(HELLO);

        assertThat(store().exists(missing)).isFalse();
        assertFailsWith(ErrorCode.NOT_FOUND, () -> store().open(missing));
        assertFailsWith(ErrorCode.NOT_FOUND, () -> store().size(missing));
    }

    @Test
    void deletesABlobAndIgnoresAMissingOne() {
        BlobRef ref = store().put(new ByteArrayInputStream(HELLO), Optional.empty(), -1);

        store().delete(ref.sha256());
        store().delete(ref.sha256());

        assertThat(store().exists(ref.sha256())).isFalse();
    }

    @Test
    void rejectsAMalformedHash() {
        assertFailsWith(ErrorCode.INVALID_ARGUMENT, () -> store().open("not-a-hash"));
        assertFailsWith(ErrorCode.INVALID_ARGUMENT,
                () -> store().put(new ByteArrayInputStream(HELLO), Optional.of("ABC"), -1));
    }

    @Test
    void passesTheHealthCheck() {
        assertThatCode(() -> store().checkHealth()).doesNotThrowAnyException();
        assertThat(leftovers()).isEmpty();
    }
}
