package dev.forgather.logs.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.LogSnapshot.Change;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run's snapshots that only grew share their plot columns and moving averages, and draw exactly
 * the frames that columns made from the whole log would.
 */
class WatchedRunTest {
    private static final Path FILE = Path.of("output_models/m/runs/a/trainer_logs.json");
    private static final Assessment LIVE = new Assessment(RunStatus.LIVE, Optional.empty(), Optional.empty());
    private static final List<String> METRICS = List.of("loss", "eval_loss", "learning_rate");

    /** Appends records {@code [from, to)}: a loss at each step (some NaN or infinite), an evaluation every 50. */
    private static void records(TrainingLogBuilder b, int from, int to) {
        for (int i = from; i < to; i++) {
            b.beginRecord();
            b.step(10L * (i + 1));
            b.epoch(i / 400.0);
            b.timestamp(1_700_000_000 + 3.0 * i);
            double loss = i % 97 == 13 ? Double.NaN : i % 211 == 7 ? Double.POSITIVE_INFINITY : 3.0 / (1 + i * 0.01);
            b.value("loss", loss + (i % 7) * 0.01);
            b.value("learning_rate", 1e-3 * Math.min(1, i / 100.0));
            b.endRecord();
            if (i % 50 == 49) {
                b.beginRecord();
                b.step(10L * (i + 1));
                b.epoch(i / 400.0);
                b.timestamp(1_700_000_000 + 3.0 * i + 1);
                b.value("eval_loss", 2.5 / (1 + i * 0.005));
                b.endRecord();
            }
        }
    }

    private static TrainingLog snapshot(TrainingLogBuilder b) {
        return b.snapshot(FILE, new RunName(Optional.of("m"), "a"), LogFormat.FORGATHER, List.of());
    }

    private static String frame(WatchedRun run, ViewState view) {
        WatchModel model = new WatchModel(List.of(run), METRICS, Optional.empty());
        return FrameRenderer.render(model, view, ChartCharset.BRAILLE, 100, 30).plainText();
    }

    private static List<ViewState> views() {
        return List.of(
                ViewState.start(0, false, WatchAxis.STEP),
                ViewState.start(5, false, WatchAxis.STEP),
                ViewState.start(10, true, WatchAxis.EPOCH),
                ViewState.start(50, false, WatchAxis.TIME));
    }

    @Test
    void aGrownSnapshotDrawsTheFramesOfOneMadeFromItsWholeLog() {
        TrainingLogBuilder b = new TrainingLogBuilder();
        records(b, 0, 30);
        WatchedRun run = new WatchedRun("a", 0, snapshot(b), LIVE, List.of());
        views().forEach(v -> frame(run, v));
        WatchedRun grown = run;
        // Polls of one record, of none, of bursts: through the settled part of each average.
        int at = 30;
        for (int added : new int[] {1, 0, 3, 120, 7, 1000, 2, 600}) {
            records(b, at, at + added);
            at += added;
            grown = grown.grownTo(snapshot(b), LIVE, List.of());
            WatchedRun whole = new WatchedRun("a", 0, grown.log(), LIVE, List.of());
            for (ViewState view : views()) {
                assertThat(frame(grown, view)).as("%d records, %s", at, view).isEqualTo(frame(whole, view));
            }
        }
    }

    @Test
    void anOlderSnapshotStillDrawsAsItDidBeforeTheRunGrew() {
        TrainingLogBuilder b = new TrainingLogBuilder();
        records(b, 0, 500);
        TrainingLog first = snapshot(b);
        WatchedRun old = new WatchedRun("a", 0, first, LIVE, List.of());
        List<String> before = views().stream().map(v -> frame(old, v)).toList();
        records(b, 500, 2500);
        TrainingLog second = snapshot(b);
        WatchedRun grown = old.grownTo(second, LIVE, List.of());
        views().forEach(v -> frame(grown, v));
        assertThat(views().stream().map(v -> frame(old, v)).toList()).isEqualTo(before);
        // One drawn for the first time only after the newer snapshot was: a frame of a model drawn late.
        WatchedRun late = new WatchedRun("a", 0, first, LIVE, List.of());
        WatchedRun lateGrown = late.grownTo(second, LIVE, List.of());
        views().forEach(v -> frame(lateGrown, v));
        assertThat(views().stream().map(v -> frame(late, v)).toList()).isEqualTo(before);
    }

    @Test
    void growingByAFewRecordsCopiesNoneOfThePointsBefore() {
        TrainingLogBuilder b = new TrainingLogBuilder();
        records(b, 0, 100);
        WatchedRun old = new WatchedRun("a", 0, snapshot(b), LIVE, List.of());
        WatchedRun.PlotColumns before = old.columns("loss");
        records(b, 100, 110);
        WatchedRun.PlotColumns after = old.grownTo(snapshot(b), LIVE, List.of()).columns("loss");
        // 100 points sit in an array with room for a quarter more: the 10 new ones go after them.
        assertThat(after.values()).isSameAs(before.values());
        assertThat(after.steps()).isSameAs(before.steps());
        assertThat(after.size()).isEqualTo(110);
        assertThat(before.size()).isEqualTo(100);
    }

    @Test
    void aLogThatDoesNotGoOnFromTheOldOneGetsColumnsOfItsOwn() {
        TrainingLogBuilder first = new TrainingLogBuilder();
        records(first, 0, 300);
        WatchedRun old = new WatchedRun("a", 0, snapshot(first), LIVE, List.of());
        views().forEach(v -> frame(old, v));
        TrainingLogBuilder other = new TrainingLogBuilder();
        records(other, 1000, 1400);
        WatchedRun wrong = old.grownTo(snapshot(other), LIVE, List.of());
        WatchedRun whole = new WatchedRun("a", 0, snapshot(other), LIVE, List.of());
        for (ViewState view : views()) {
            assertThat(frame(wrong, view)).isEqualTo(frame(whole, view));
        }
    }

    @Test
    void aRewriteMidWatchRestartsTheSeries() {
        TrainingLogBuilder b = new TrainingLogBuilder();
        records(b, 0, 800);
        TrainingLog loaded = snapshot(b);
        // The trainer resumed from a checkpoint at record 200 and wrote other values after it.
        TrainingLogBuilder resumed = new TrainingLogBuilder();
        records(resumed, 0, 200);
        TrainingLog rewritten = snapshot(resumed);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Deque<LogSnapshot> polls = new ArrayDeque<>(List.of(
                new LogSnapshot(loaded, Change.LOADED, loaded.recordCount(), true, t),
                new LogSnapshot(rewritten, Change.REWRITTEN, rewritten.recordCount(), true, t)));
        WatchSession session = new WatchSession(
                List.of(FILE),
                path -> polls::poll,
                () -> (snapshot, now) -> LIVE,
                Optional.empty(),
                METRICS,
                Clock.fixed(t, ZoneOffset.UTC));
        WatchedRun before = session.poll().runs().get(0);
        views().forEach(v -> frame(before, v));
        WatchedRun after = session.poll().runs().get(0);
        assertThat(after.columns("loss").size()).isEqualTo(200);
        WatchedRun whole = new WatchedRun(after.label(), 0, rewritten, LIVE, List.of());
        for (ViewState view : views()) {
            assertThat(frame(after, view)).isEqualTo(frame(whole, view));
        }
    }
}
