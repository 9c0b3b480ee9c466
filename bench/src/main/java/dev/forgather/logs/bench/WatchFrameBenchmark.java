package dev.forgather.logs.bench;

import dev.forgather.logs.LogFollower;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.watch.Assessment;
import dev.forgather.logs.watch.ChartCharset;
import dev.forgather.logs.watch.Frame;
import dev.forgather.logs.watch.FrameRenderer;
import dev.forgather.logs.watch.RunStatus;
import dev.forgather.logs.watch.ViewState;
import dev.forgather.logs.watch.WatchAxis;
import dev.forgather.logs.watch.WatchModel;
import dev.forgather.logs.watch.WatchedRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One {@code logs watch} frame (100 x 30, braille, smoothing 10) of a run with a loss and a
 * learning rate at every one of 1,000,000 steps: issue 12's target is 50 ms, for a redraw and
 * for the first frame after a poll found new records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WatchFrameBenchmark extends LauncherSettings {
    @Param({"1000000"})
    public int steps;

    private TrainingLog log;
    private WatchModel model;
    private final ViewState view = ViewState.start(10, false, WatchAxis.STEP);

    @Setup(Level.Trial)
    public void loadLog() throws LogReadException {
        log = TrainingLogs.load(BenchInputs.log(steps));
        model = modelOf(log);
        FrameRenderer.render(model, view, ChartCharset.BRAILLE, 100, 30);
    }

    private static WatchModel modelOf(TrainingLog log) {
        Assessment live = new Assessment(RunStatus.LIVE, Optional.empty(), Optional.empty());
        return new WatchModel(
                List.of(new WatchedRun("run", 0, log, live, List.of())), WatchModel.DEFAULT_METRICS, Optional.empty());
    }

    /*
     * A redraw of an unchanged snapshot (a key press, a resize): one pass over each series into a
     * min/max envelope per dot column; the plot columns and the moving average were kept.
     */
    @Benchmark
    public Frame redraw() {
        return FrameRenderer.render(model, view, ChartCharset.BRAILLE, 100, 30);
    }

    /*
     * Wrong for a poll that found records appended, and what a rewritten log still costs: the
     * first frame of a snapshot with no columns yet, whose plot columns are all taken from the
     * log and whose loss is smoothed again over every point, then drawn.
     */
    @Benchmark
    public Frame firstFrameOfASnapshot() {
        return FrameRenderer.render(modelOf(log), view, ChartCharset.BRAILLE, 100, 30);
    }

    /*
     * Right: the first frame after a poll found 1,000 records appended to 999,000. The new
     * snapshot's columns are the old ones plus 1,000 points, the moving average goes on from its
     * running sum, and the frame costs about a redraw.
     */
    @Benchmark
    public Frame firstFrameAfter1000AppendedRecords(Appended appended) {
        WatchedRun grown = appended.shown.grownTo(appended.after, LIVE, List.of());
        return FrameRenderer.render(
                new WatchModel(List.of(grown), WatchModel.DEFAULT_METRICS, Optional.empty()),
                view,
                ChartCharset.BRAILLE,
                100,
                30);
    }

    private static final Assessment LIVE = new Assessment(RunStatus.LIVE, Optional.empty(), Optional.empty());

    /**
     * Two polls of a follower of the benchmark log: the first of the log less its last 1,000
     * records, the second after those were appended; and, made again before each operation (not
     * timed), the first poll's run as the view last drew it.
     */
    @State(Scope.Benchmark)
    public static class Appended {
        static final int RECORDS = 1_000;

        TrainingLog after;
        private TrainingLog before;
        WatchedRun shown;

        @Setup(Level.Trial)
        public void follow() throws IOException, LogReadException {
            Path source = BenchInputs.log(1_000_000);
            Path dir = Files.createTempDirectory("forgather-watch-bench");
            Path file = dir.resolve("trainer_logs.json");
            try {
                Files.copy(source, file);
                long cut = startOfLast(source, RECORDS);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(cut);
                }
                LogFollower follower = TrainingLogs.follow(file);
                before = follower.poll().log();
                try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                        FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    in.transferTo(cut, in.size() - cut, out);
                }
                LogSnapshot now = follower.poll();
                if (now.change() != LogSnapshot.Change.APPENDED || now.addedRecords() != RECORDS) {
                    throw new IllegalStateException(now.change() + ", " + now.addedRecords() + " records added");
                }
                after = now.log();
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        }

        @Setup(Level.Invocation)
        public void drawFirstPoll() {
            shown = new WatchedRun("run", 0, before, LIVE, List.of());
            FrameRenderer.render(
                    new WatchModel(List.of(shown), WatchModel.DEFAULT_METRICS, Optional.empty()),
                    ViewState.start(10, false, WatchAxis.STEP),
                    ChartCharset.BRAILLE,
                    100,
                    30);
        }

        /** The offset of the "," before the {@code n}th record from the end. */
        private static long startOfLast(Path file, int n) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                int length = (int) Math.min(channel.size(), 4 << 20);
                ByteBuffer tail = ByteBuffer.allocate(length);
                channel.read(tail, channel.size() - length);
                String text = new String(tail.array(), 0, tail.position(), StandardCharsets.US_ASCII);
                int at = text.length();
                for (int i = 0; i < n; i++) {
                    at = text.lastIndexOf(",\n{", at - 1);
                    if (at < 0) {
                        throw new IllegalStateException("fewer than " + n + " records at the end of " + file);
                    }
                }
                return channel.size() - length + at;
            }
        }
    }
}
