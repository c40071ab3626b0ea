package dev.keel.data.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class VersionArchiveTest {
    @TempDir
    Path dir;

    @Test
    void writesATarThatSystemTarExtracts() throws Exception {
        try (DatasetFixture f = new DatasetFixture("sqlite", dir)) {
            String longPath = "deep/" + "n".repeat(150) + "/ünïcode.csv";
            f.service.createDataset(null, "d", "");
            f.service.commit(null, "d", f.commit(null, f.upload("a.txt", "hello\n"), f.upload(longPath, "x,y\n1,2\n"),
                    f.upload("empty.bin", "")));
            Path tar = dir.resolve("v1.tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                f.service.writeArchive(null, "d", "1", out);
            }
            Path extracted = Files.createDirectories(dir.resolve("out"));
            Process process = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", extracted.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();

            assertThat(Files.readString(extracted.resolve("a.txt"))).isEqualTo("hello\n");
            assertThat(Files.readString(extracted.resolve(longPath))).isEqualTo("x,y\n1,2\n");
            assertThat(Files.size(extracted.resolve("empty.bin"))).isZero();
        }
    }
}
