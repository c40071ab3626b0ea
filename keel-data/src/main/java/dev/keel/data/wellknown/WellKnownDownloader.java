package dev.keel.data.wellknown;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Fetches a well-known dataset's files from its canonical location, or from a base URL given per dataset
 * (a mirror, or a test's loopback server). Used only when the user asked for a download.
 */
public final class WellKnownDownloader {
    private final HttpClient http;
    private final Map<WellKnownDataset, URI> bases;

    /** @param bases download base per dataset; datasets not in the map use {@link WellKnownDataset#downloadBase()} */
    public WellKnownDownloader(HttpClient http, Map<WellKnownDataset, URI> bases) {
        this.http = requireNonNull(http, "http is null");
        this.bases = Map.copyOf(bases);
    }

    /** Downloads into {@code folder}; answers the folder (files one by one) or the archive file. */
    Path download(WellKnownDataset dataset, Path folder) throws IOException {
        URI base = bases.getOrDefault(dataset, dataset.downloadBase());
        if (dataset.archive().isPresent()) {
            WellKnownFile archive = dataset.archive().get();
            Path target = folder.resolve(archive.name());
            GenuineFiles.check(archive, fetch(base.resolve(archive.name()), target), Files.size(target));
            return target;
        }
        for (WellKnownFile file : dataset.files()) {
            fetch(base.resolve(file.name()), folder.resolve(file.name()));
        }
        return folder;
    }

    private String fetch(URI uri, Path target) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeelException(ErrorCode.STORE_UNAVAILABLE, "download of " + uri + " interrupted", e);
        } catch (IOException e) {
            throw new KeelException(ErrorCode.STORE_UNAVAILABLE, "download of " + uri + " failed: " + e.getMessage(), e);
        }
        MessageDigest digest = Sha256.newDigest();
        try (InputStream body = new DigestInputStream(response.body(), digest)) {
            if (response.statusCode() != 200) {
                throw new KeelException(ErrorCode.STORE_UNAVAILABLE, "download of " + uri + " answered HTTP "
                        + response.statusCode() + " (expected: 200)");
            }
            Files.copy(body, target);
        }
        return Sha256.hex(digest.digest());
    }
}
