package dev.forgather.logs.bench;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
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
 * learning rate at every one of 1,000,000 steps: issue 12's target is 50 ms.
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
     * The first frame of a new snapshot (a poll that found records): the plot columns are taken
     * from the log and the loss smoothed again, then drawn.
     */
    @Benchmark
    public Frame firstFrameOfASnapshot() {
        return FrameRenderer.render(modelOf(log), view, ChartCharset.BRAILLE, 100, 30);
    }
}
