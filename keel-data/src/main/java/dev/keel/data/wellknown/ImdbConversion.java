package dev.keel.data.wellknown;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.core.hash.Sha256;
import dev.keel.data.ingest.ChunkedFileStore;
import dev.keel.store.blob.BlobRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The IMDB package ships one JSON array of {@code {"t": text, "s": sentiment}}; Keel's readers take JSON Lines.
 * The array is verified and converted in one streaming pass to {@code reviews.jsonl}, one
 * {@code {"text", "label"}} object per line, which is what the version holds.
 */
final class ImdbConversion {
    static final String PATH = "reviews.jsonl";

    private final ChunkedFileStore files;
    private final Path workDir;

    ImdbConversion(ChunkedFileStore files, Path workDir) {
        this.files = files;
        this.workDir = workDir;
    }

    ManifestEntry verifyAndStore(WellKnownFile file, InputStream content) throws IOException {
        Path converted = Files.createTempFile(Files.createDirectories(workDir), "imdb-", ".jsonl");
        try {
            MessageDigest digest = Sha256.newDigest();
            JsonFactory json = new JsonFactory();
            long[] size = new long[1];
            try (DigestInputStream in = new DigestInputStream(counting(content, size), digest);
                    JsonParser parser = json.createParser(in);
                    OutputStream out = Files.newOutputStream(converted)) {
                convert(parser, json, out);
                // What the parser left (whitespace after the array) must be hashed too.
                in.transferTo(OutputStream.nullOutputStream());
            }
            GenuineFiles.check(file, Sha256.hex(digest.digest()), size[0]);
            try (InputStream in = Files.newInputStream(converted)) {
                BlobRef ref = files.store(PATH, in);
                return new ManifestEntry(PATH, ref.size(), ref.sha256());
            }
        } finally {
            Files.deleteIfExists(converted);
        }
    }

    private static void convert(JsonParser parser, JsonFactory json, OutputStream out) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new KeelException(ErrorCode.MALFORMED_DATA, "reviews.json: expected a JSON array");
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String text = null;
            Integer label = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "t" -> text = parser.getValueAsString();
                    case "s" -> label = parser.getValueAsInt();
                    default -> parser.skipChildren();
                }
            }
            try (JsonGenerator line = json.createGenerator(out)) {
                line.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                line.writeStartObject();
                line.writeStringField("text", text);
                if (label == null) {
                    line.writeNullField("label");
                } else {
                    line.writeNumberField("label", label);
                }
                line.writeEndObject();
            }
            out.write('\n');
        }
    }

    private static InputStream counting(InputStream in, long[] count) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                count[0] += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count[0] += Math.max(n, 0);
                return n;
            }
        };
    }
}
