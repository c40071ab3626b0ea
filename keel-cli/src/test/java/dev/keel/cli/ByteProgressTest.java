package dev.keel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteProgressTest {
    @Test
    void drawsTheTaskAndTheFinalTotalOnTheGivenStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (ByteProgress progress = ByteProgress.start("upload train.csv", 4L << 20, stream)) {
            progress.accept(1L << 20);
            progress.accept(4L << 20);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("upload train.csv").contains("100%");
    }
}
