package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logs check} on a log a trainer is still appending to, read at whatever byte it has reached. */
class CheckLiveRunTest {
    @TempDir
    Path tmp;

    @Test
    void aRunStillBeingWrittenIsInProgressNeverStalled() throws Exception {
        Path log = Files.createDirectories(tmp.resolve("output_models/live/runs/now"))
                .resolve("trainer_logs.json");
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread trainer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(log)) {
                out.write("[\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                double t = System.currentTimeMillis() / 1000.0;
                for (int step = 10; !done.get() && step <= 100_000; step += 10) {
                    String record = String.format(
                            Locale.ROOT,
                            "%s{\"timestamp\": %.3f, \"global_step\": %d, \"loss\": %.4f,"
                                    + " \"grad_norm\": 0.4, \"learning_rate\": 0.001}",
                            step == 10 ? "" : ",\n",
                            t + step * 0.001,
                            step,
                            3.0 - step * 1e-5);
                    byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
                    // Half a record, then the rest: a reader may see the file at either point.
                    out.write(bytes, 0, bytes.length / 2);
                    out.flush();
                    Thread.sleep(1);
                    out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
                    out.flush();
                    Thread.sleep(1);
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure.set(e);
            }
        });
        trainer.start();
        try {
            while (!Files.exists(log) || Files.size(log) < 2000) {
                Thread.sleep(5);
            }
            for (int i = 0; i < 15; i++) {
                Cli.Result r = Cli.run("-p", tmp.toString(), "logs", "check", "--fail-on", "warn", log.toString());
                assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
                assertThat(r.out())
                        .contains(": in_progress: the log is still open and changed ")
                        .doesNotContain("stalled")
                        .endsWith("now: healthy (1 info)\n");
                assertThat(r.err())
                        .as("one warning line, about the open end")
                        .matches("warning: " + java.util.regex.Pattern.quote(log.toString())
                                + ": [^\n]*\\(the run is still writing" + " or was stopped\\); read \\d+ records\n");
                Thread.sleep(20);
            }
        } finally {
            done.set(true);
            trainer.join();
        }
        assertThat(failure.get()).isNull();
    }
}
