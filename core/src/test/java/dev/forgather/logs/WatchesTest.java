package dev.forgather.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.watch.ChartCharset;
import dev.forgather.logs.watch.FrameRenderer;
import dev.forgather.logs.watch.RunStatus;
import dev.forgather.logs.watch.ViewState;
import dev.forgather.logs.watch.WatchAxis;
import dev.forgather.logs.watch.WatchModel;
import dev.forgather.logs.watch.WatchSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchesTest {
    @TempDir
    Path tmp;

    private static String record(long step) {
        return String.format(
                Locale.ROOT,
                "{\"timestamp\": %d.5, \"global_step\": %d, \"epoch\": %s, \"loss\": %s, "
                        + "\"learning_rate\": 0.001}",
                1_700_000_000L + step,
                step,
                step / 1000.0,
                2.0 + 1.0 / step);
    }

    /** The log as the trainer leaves it while training: "[\n", records joined by ",\n", no "]". */
    private static String openLog(long firstStep, long lastStep) {
        StringBuilder sb = new StringBuilder("[\n");
        for (long s = firstStep; s <= lastStep; s += 10) {
            if (s > firstStep) {
                sb.append(",\n");
            }
            sb.append(record(s));
        }
        return sb.toString();
    }

    private static void append(Path log, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long latestStep(WatchModel model) {
        return model.runs().get(0).progress().step().orElseThrow();
    }

    private WatchSession session(Path log, Clock clock) {
        return Watches.session(List.of(log), null, WatchModel.DEFAULT_METRICS, clock);
    }

    @Test
    void framesTakenWhileAWriterAppendsAlwaysShowCompleteRecordsAndEndAtTheLastStep() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        WatchSession session = session(log, Clock.systemUTC());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (long s = 110; s <= 3000; s += 10) {
                    String r = ",\n" + record(s);
                    // Half a record now and half later, as a flush in mid-record leaves it.
                    append(log, r.substring(0, r.length() / 2));
                    append(log, r.substring(r.length() / 2));
                }
                append(log, "\n]");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        List<Long> steps = new ArrayList<>();
        while (writer.isAlive()) {
            WatchModel model = session.poll();
            long step = latestStep(model);
            steps.add(step);
            String frame = FrameRenderer.render(
                            model, ViewState.start(10, false, WatchAxis.STEP), ChartCharset.BRAILLE, 100, 30)
                    .plainText();
            assertThat(frame).contains("\u25CF junit-").doesNotContain("waiting for data");
            assertThat(frame.lines()).hasSize(30);
            assertThat(step % 10).isZero();
        }
        writer.join();
        assertThat(failure.get()).isNull();
        WatchModel last = session.poll();
        assertThat(latestStep(last)).isEqualTo(3000);
        assertThat(last.runs().get(0).log().recordCount()).isEqualTo(300);
        assertThat(last.runs().get(0).assessment().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(steps).isSorted();
    }

    @Test
    void aResumeThatTruncatesAndRewritesTheLogRestartsTheSeriesWithoutError() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 600));
        WatchSession session = session(log, Clock.systemUTC());
        assertThat(latestStep(session.poll())).isEqualTo(600);
        // Resumed from the checkpoint at step 400: the trainer truncates the file and rewrites what it keeps.
        Files.writeString(log, openLog(10, 400));
        WatchModel rewritten = session.poll();
        assertThat(session.errors()).isEmpty();
        assertThat(latestStep(rewritten)).isEqualTo(400);
        assertThat(rewritten.runs().get(0).log().recordCount()).isEqualTo(40);
        assertThat(rewritten.runs().get(0).colour()).isZero();
        append(log, ",\n" + record(410) + ",\n" + record(420));
        WatchModel resumed = session.poll();
        assertThat(latestStep(resumed)).isEqualTo(420);
        String frame = FrameRenderer.render(
                        resumed, ViewState.start(0, false, WatchAxis.STEP), ChartCharset.ASCII, 100, 30)
                .plainText();
        assertThat(frame).contains("  420  ").contains("+10");
    }

    @Test
    void aLogGoneForAMomentKeepsItsLastSnapshotAndSaysWhy() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        WatchSession session = session(log, Clock.systemUTC());
        session.poll();
        Files.delete(log);
        WatchModel model = session.poll();
        assertThat(latestStep(model)).isEqualTo(100);
        assertThat(session.errors()).hasSize(1);
        assertThat(model.status())
                .hasValueSatisfying(s -> assertThat(s).startsWith("error: ").contains("trainer_logs.json"));
        Files.writeString(log, openLog(10, 200));
        assertThat(latestStep(session.poll())).isEqualTo(200);
        assertThat(session.errors()).isEmpty();
    }

    @Test
    void anOpenLogUnchangedForLongerThanTheStallLimitIsStalled() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        Instant written = Instant.parse("2026-01-01T00:00:00Z");
        Files.setLastModifiedTime(log, FileTime.from(written));
        // Records 1 s apart: the limit is the 5-minute floor.
        WatchSession early = session(log, Clock.fixed(written.plusSeconds(299), ZoneOffset.UTC));
        assertThat(early.poll().runs().get(0).assessment().status()).isEqualTo(RunStatus.LIVE);
        WatchSession late = session(log, Clock.fixed(written.plusSeconds(301), ZoneOffset.UTC));
        WatchModel model = late.poll();
        assertThat(model.runs().get(0).assessment().status()).isEqualTo(RunStatus.STALLED);
        assertThat(FrameRenderer.render(model, ViewState.start(0, false, WatchAxis.STEP), ChartCharset.BRAILLE, 100, 30)
                        .plainText())
                .contains("  stalled   100  0.1000  2.0100          \u2014  0.001000     1.00    \u2014  \u2014");
    }
}
