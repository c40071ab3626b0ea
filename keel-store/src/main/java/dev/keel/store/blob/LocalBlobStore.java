package dev.keel.store.blob;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import java.io.IOException;
import dev.keel.core.hash.VerifyingInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Blobs in a local folder, {@code root/ab/cd/abcd…}. A write goes to {@code root/tmp/} while it is hashed,
 * is synced, checked, then renamed into place atomically, so a crash leaves at most a temp file (removed
 * on the next open), never a partial blob under its hash.
 */
public final class LocalBlobStore implements BlobStore {
    /** Temp files untouched this long belong to a writer that died; live writers touch theirs constantly. */
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(10);

    private final Path root;
    private final Path tmp;

    public LocalBlobStore(Path root, Clock clock) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath();
        this.tmp = this.root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw unavailable("cannot create the blob folder " + tmp, e);
        }
        deleteStaleTempFiles(requireNonNull(clock, "clock is null"));
    }

    @Override
    public BlobRef put(InputStream content, Optional<String> expectedSha256, long expectedSize) {
        requireNonNull(content, "content is null");
        requireNonNull(expectedSha256, "expectedSha256 is null");
        BlobChecks.requirePutArguments(expectedSha256, expectedSize);
        Path temp = createTempFile();
        try {
            BlobRef ref = writeAndHash(content, temp, expectedSha256, expectedSize);
            moveIntoPlace(temp, path(ref.sha256()));
            return ref;
        } finally {
            deleteQuietly(temp);
        }
    }

    private BlobRef writeAndHash(InputStream content, Path temp, Optional<String> expectedSha256, long expectedSize) {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BlobChecks.BUFFER_BYTES];
        long count = 0;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            while (true) {
                int n;
                try {
                    n = content.read(buffer);
                } catch (IOException e) {
                    throw BlobChecks.uploadFailed(e, count);
                }
                if (n < 0) {
                    break;
                }
                count += n;
                BlobChecks.checkNotOversized(count, expectedSize);
                digest.update(buffer, 0, n);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            channel.force(true);
        } catch (IOException e) {
            throw unavailable("cannot write blob data to " + temp, e);
        }
        String sha256 = Sha256.hex(digest.digest());
        BlobChecks.checkComplete(sha256, count, expectedSha256, expectedSize);
        return new BlobRef(sha256, count);
    }

    private void moveIntoPlace(Path temp, Path target) {
        if (Files.exists(target)) {
            return; // same hash, same bytes: already stored
        }
        try {
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(target.getParent());
        } catch (FileAlreadyExistsException e) {
            // A concurrent writer of the same content won the race; its copy is identical.
        } catch (IOException e) {
            throw unavailable("cannot move blob into " + target, e);
        }
    }

    @Override
    public InputStream open(String sha256) {
        Path path = path(BlobChecks.requireHash(sha256));
        try {
            return new VerifyingInputStream(Files.newInputStream(path), sha256, -1, "blob " + sha256 + " at " + path);
        } catch (NoSuchFileException e) {
            throw KeelException.notFound("blob " + sha256);
        } catch (IOException e) {
            throw unavailable("cannot read blob " + path, e);
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(path(BlobChecks.requireHash(sha256)));
    }

    @Override
    public long size(String sha256) {
        Path path = path(BlobChecks.requireHash(sha256));
        try {
            return Files.size(path);
        } catch (NoSuchFileException e) {
            throw KeelException.notFound("blob " + sha256);
        } catch (IOException e) {
            throw unavailable("cannot read blob " + path, e);
        }
    }

    @Override
    public void delete(String sha256) {
        Path path = path(BlobChecks.requireHash(sha256));
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw unavailable("cannot delete blob " + path, e);
        }
    }

    @Override
    public void checkHealth() {
        Path probe = createTempFile();
        deleteQuietly(probe);
    }

    @Override
    public void close() {}

    /** Where the blob named {@code sha256} lives; two levels of fan-out keep folders small. */
    Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    Path tempFolder() {
        return tmp;
    }

    private Path createTempFile() {
        try {
            return Files.createTempFile(tmp, "put-", ".tmp");
        } catch (IOException e) {
            throw unavailable("cannot write to the blob folder " + tmp, e);
        }
    }

    private void deleteStaleTempFiles(Clock clock) {
        long cutoff = clock.millis() - STALE_TEMP_AGE.toMillis();
        try (Stream<Path> files = Files.list(tmp)) {
            files.filter(file -> lastModified(file) < cutoff).forEach(LocalBlobStore::deleteQuietly);
        } catch (IOException e) {
            throw unavailable("cannot list " + tmp, e);
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE; // gone already
        }
    }

    /** Makes the rename durable: without it a crash can forget the new directory entry. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for the stale temp sweep on the next open.
        }
    }

    private static KeelException unavailable(String message, IOException e) {
        return new KeelException(ErrorCode.STORE_UNAVAILABLE, message + ": " + e.getMessage(), e);
    }
}
