package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.TrainingLog;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader racing the trainer: the log grows the way the trainer writes it ("[\n", records joined
 * by ",\n", "]" only at the end, each write possibly split), and every read succeeds with every
 * record that was complete before it started.
 */
class WriterRaceTest {
    @TempDir
    Path dir;

    private static String record(int i) {
        return "{\"timestamp\": " + (1700000000 + i * 0.1) + ", \"global_step\": " + i + ", \"epoch\": " + (i / 1000.0)
                + ", \"loss\": " + (5.0 / (1 + i)) + ", \"grad_norm\": NaN, \"learning_rate\": 1e-05}";
    }

    @Test
    void aReaderRacingTheTrainerNeverFailsNorLosesACompleteRecord() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        AtomicInteger complete = new AtomicInteger();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        int records = 3000;
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write("[\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < records; i++) {
                    byte[] bytes = ((i == 0 ? "" : ",\n") + record(i)).getBytes(StandardCharsets.US_ASCII);
                    int half = bytes.length / 2;
                    out.write(bytes, 0, half);
                    out.flush();
                    out.write(bytes, half, bytes.length - half);
                    out.flush();
                    complete.set(i + 1);
                    if (i % 20 == 0) {
                        Thread.sleep(1); // the trainer logs between steps: give the reader a chance
                    }
                }
                out.write("\n]".getBytes(StandardCharsets.US_ASCII));
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        });
        Files.writeString(file, "");
        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads < 3) {
            int before = complete.get();
            if (Files.size(file) == 0) {
                continue;
            }
            TrainingLog log = TrainingLogs.load(file);
            assertThat(log.recordCount()).isGreaterThanOrEqualTo(before);
            for (int i = 0; i < log.recordCount(); i++) {
                assertThat(log.record(i).step()).isEqualTo(i);
            }
            reads++;
        }
        writer.join();
        assertThat(writerFailure.get()).isNull();
        TrainingLog finished = TrainingLogs.load(file);
        assertThat(finished.recordCount()).isEqualTo(records);
        assertThat(finished.warnings()).isEmpty();
    }

    @Test
    void aLogTruncatedAndRewrittenByARestartedRunIsReadAtEveryMoment() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread writer = new Thread(() -> {
            try {
                // At least 20 restarts, and on until the reader has read 20 times: on a loaded
                // machine the writer could otherwise finish before the reader's first read.
                for (int run = 0; run < 20 || (reads.get() < 20 && run < 100_000); run++) {
                    try (OutputStream out = Files.newOutputStream(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                        out.write("[\n".getBytes(StandardCharsets.US_ASCII));
                        for (int i = 0; i < 100; i++) {
                            out.write(((i == 0 ? "" : ",\n") + record(i)).getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                }
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        });
        Files.writeString(file, "[\n");
        writer.start();
        int loaded = 0;
        while (writer.isAlive()) {
            try {
                TrainingLog log = TrainingLogs.load(file);
                for (int i = 0; i < log.recordCount(); i++) {
                    assertThat(log.record(i).step()).isEqualTo(i);
                }
                loaded++;
                reads.incrementAndGet();
            } catch (dev.forgather.logs.model.LogReadException e) {
                // Caught between truncation and the first byte: the file is empty for a moment.
                assertThat(e.problem()).isEqualTo("empty file");
            }
        }
        writer.join();
        assertThat(writerFailure.get()).isNull();
        assertThat(loaded).isPositive();
    }
}
