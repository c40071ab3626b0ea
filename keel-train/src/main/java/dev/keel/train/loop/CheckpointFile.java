package dev.keel.train.loop;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoint format: a zip with {@code state.json} ({@link CheckpointState}), {@code parameters.bin} (the
 * block's parameters as DJL saves them) and {@code optimizer.bin} (the optimiser's moment arrays, DJL's NDList
 * encoding). Written to a temporary file in the same folder, flushed to disk, then renamed over the previous
 * checkpoint: a failure at any point (a full disk) leaves the previous checkpoint as it was.
 */
public final class CheckpointFile {
    public static final String NAME = "checkpoint.zip";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Opens the stream a checkpoint is written to; tests substitute one that fails like a full disk. */
    @FunctionalInterface
    public interface Sink {
        OutputStream open(Path path) throws IOException;

        Sink FILES = path -> new FileOutputStream(path.toFile());
    }

    private final Path directory;
    private final Sink sink;

    public CheckpointFile(Path directory, Sink sink) {
        this.directory = directory;
        this.sink = sink;
    }

    public Path path() {
        return directory.resolve(NAME);
    }

    Path write(CheckpointState state, Block block, NDList optimizerState) {
        Path temporary = directory.resolve(NAME + ".tmp");
        try {
            Files.createDirectories(directory);
            try (OutputStream out = sink.open(temporary); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("state.json"));
                zip.write(JSON.writeValueAsBytes(state));
                zip.putNextEntry(new ZipEntry("parameters.bin"));
                zip.write(parameterBytes(block));
                zip.putNextEntry(new ZipEntry("optimizer.bin"));
                zip.write(optimizerState.encode());
                zip.closeEntry();
                zip.finish();
                zip.flush();
                if (out instanceof FileOutputStream file) {
                    file.getChannel().force(true);
                }
            }
            Files.move(temporary, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return path();
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // The write failed already; a leftover temporary file is harmless and replaced next time.
            }
            throw new KeelException(ErrorCode.INTERNAL, "writing checkpoint at step " + state.step() + " to " + directory
                    + " failed: " + e.getMessage() + " (the previous checkpoint is intact)", e);
        }
    }

    static byte[] parameterBytes(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /** A checkpoint's parts, read whole (they are the size of the model). */
    record Contents(CheckpointState state, byte[] parameters, byte[] optimizer) {
        void loadInto(Block block, NDManager manager) {
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(parameters))) {
                block.loadParameters(manager, in);
            } catch (IOException | MalformedModelException e) {
                throw new KeelException(ErrorCode.MALFORMED_DATA, "checkpoint parameters: " + e.getMessage()
                        + " (expected: a checkpoint of the same model)", e);
            }
        }

        NDList optimizerState(NDManager manager) {
            return NDList.decode(manager, optimizer);
        }
    }

    static Contents read(Path file) {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new KeelException(ErrorCode.NOT_FOUND, "checkpoint " + file + ": " + e.getMessage(), e);
        }
        for (String name : new String[] {"state.json", "parameters.bin", "optimizer.bin"}) {
            if (!entries.containsKey(name)) {
                throw new KeelException(ErrorCode.MALFORMED_DATA, "checkpoint " + file + ": no " + name
                        + " (expected: state.json, parameters.bin and optimizer.bin)");
            }
        }
        try {
            CheckpointState state = JSON.readValue(entries.get("state.json"), CheckpointState.class);
            return new Contents(state, entries.get("parameters.bin"), entries.get("optimizer.bin"));
        } catch (IOException e) {
            throw new KeelException(ErrorCode.MALFORMED_DATA, "checkpoint " + file + ": state.json: " + e.getMessage(), e);
        }
    }
}
