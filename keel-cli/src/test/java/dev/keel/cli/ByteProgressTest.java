package dev.keel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteProgressTest {
    @Test
    void withoutATerminalPrintsOneSummaryLineInsteadOfRedrawingABar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (ByteProgress progress = ByteProgress.start("upload train.csv", 4L << 20, stream)) {
            progress.accept(1L << 20);
            progress.accept(4L << 20);
        }

        // Tests run with their output redirected, as CI logs and pipes are.
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .matches("upload train\\.csv: 4194304 bytes in \\d+\\.\\d s\\R");
    }
}
