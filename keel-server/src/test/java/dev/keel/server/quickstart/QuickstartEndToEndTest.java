package dev.keel.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.core.config.KeelConfigLoader;
import dev.keel.server.KeelProcess;
import dev.keel.server.KeelServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keel quickstart} as a newcomer runs it, on a smaller slice: the real command in its own JVM, with the
 * genuine Fashion-MNIST subset shipped in the jar, an embedded server, child worker JVMs for both trainings, the
 * HTTP endpoint, and the retrain pipeline fired by the second dataset version.
 */
class QuickstartEndToEndTest {
    @TempDir
    Path work;

    @Test
    void runsTheWholeLoopAndExitsZeroOnlyWhenEveryStepWorked() throws Exception {
        Path home = work.resolve("home");
        KeelProcess.Result result = new KeelProcess(work, work, List.of(), Duration.ofMinutes(8)).run(
                "quickstart", "--home", home.toString(), "--data", "bundled", "--first-fraction", "0.25",
                "--test-limit", "200", "--epochs", "1", "--client-threads", "2");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        String out = result.out();
        for (int step = 1; step <= 7; step++) {
            assertThat(out).contains("[" + step + "/7]");
        }
        assertThat(out).doesNotContain("✗");
        assertThat(out).contains("fashion-mnist v1: 1500 training and 200 test images");
        assertThat(out).contains("parity gate: max |ONNX Runtime − training engine|");
        Matcher accuracy = Pattern.compile("accuracy (0\\.\\d+) on 200 test images").matcher(out);
        assertThat(accuracy.find()).as(out).isTrue();
        // One epoch on 1,500 genuine images is far above the 0.1 of guessing among ten classes.
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThan(0.4);
        assertThat(out).contains("committed fashion-mnist v2: 6000 training images (+4500)");
        assertThat(out).containsPattern("step promote +succeeded");
        assertThat(out).containsPattern("(promoted fashion-mnist-cnn v\\d+ to production|not promoted; production stays on v1)");
        assertThat(out).contains("./keel runs list");
        // --home given: the platform and its data stay there for exploring.
        assertThat(home.resolve("quickstart-data/all")).isDirectory();
    }

    @Test
    void refusesAHomeThatAlreadyHoldsAPlatformAndSaysWhichStepFailed() throws Exception {
        Path home = work.resolve("used");
        new KeelServer(KeelConfigLoader.loadOrThrow(home, Map.of(), Map.of("server.port", "0")), Clock.systemUTC())
                .start().close();

        KeelProcess.Result result = new KeelProcess(work, work, List.of(), Duration.ofMinutes(2)).run(
                "quickstart", "--home", home.toString(), "--data", "bundled");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).contains("✗ step 1 failed: --home: " + home + " already holds a Keel platform");
        assertThat(result.err()).contains("expected: an empty or new folder");
    }

    @Test
    void refusesAnUnknownDataSourceNamingTheChoices() throws Exception {
        KeelProcess.Result result = new KeelProcess(work, work, List.of(), Duration.ofMinutes(2)).run(
                "quickstart", "--home", work.resolve("home").toString(), "--data", "s3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("data: s3 (expected: auto, debian or bundled)");
    }
}
