package dev.forgather.logs.bench;

import dev.forgather.logs.LogFollower;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.check.Checks;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.watch.Assessment;
import dev.forgather.logs.watch.ChartCharset;
import dev.forgather.logs.watch.FrameRenderer;
import dev.forgather.logs.watch.RunStatus;
import dev.forgather.logs.watch.ViewState;
import dev.forgather.logs.watch.WatchAxis;
import dev.forgather.logs.watch.WatchModel;
import dev.forgather.logs.watch.WatchedRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What {@link WatchFrameBenchmark} times, in CPU time of the drawing thread rather than wall
 * time, which a shared machine inflates by its load: the same 100 x 30 braille frame, smoothing
 * 10, of the 1M-step bench log; and, for scale, one run of {@code logs check}'s standard
 * detectors over that log, which {@code logs watch} does once per new snapshot on its own
 * thread, never per frame.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xms1g -cp bench/target/benchmarks.jar dev.forgather.logs.bench.WatchCpuTime [STEPS]
 * </pre>
 */
public final class WatchCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private WatchCpuTime() {}

    public static void main(String[] args) throws LogReadException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        TrainingLog log = TrainingLogs.load(BenchInputs.log(steps));
        ViewState view = ViewState.start(10, false, WatchAxis.STEP);
        WatchModel kept = model(log);
        for (int i = 0; i < 30; i++) {
            FrameRenderer.render(kept, view, ChartCharset.BRAILLE, 100, 30);
            FrameRenderer.render(model(log), view, ChartCharset.BRAILLE, 100, 30);
        }
        int n = 50;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            FrameRenderer.render(kept, view, ChartCharset.BRAILLE, 100, 30);
        }
        double redraw = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / n;
        start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            FrameRenderer.render(model(log), view, ChartCharset.BRAILLE, 100, 30);
        }
        double first = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / n;
        double appended = pollAndDrawAfterAppends(BenchInputs.log(steps), view, n);
        for (int i = 0; i < 2; i++) {
            Checks.run(log, Checks.standard());
        }
        int checks = 3;
        start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < checks; i++) {
            Checks.run(log, Checks.standard());
        }
        double check = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / checks;
        System.out.printf(
                "%d records: redraw %.1f ms CPU, first frame of a snapshot %.1f ms CPU,"
                        + " a poll that found one record appended and its frame %.1f ms CPU (mean of %d);"
                        + " the standard checks %.0f ms CPU (mean of %d)%n",
                log.recordCount(), redraw, first, appended, n, check, checks);
    }

    /**
     * The live path after the trainer appended one record: {@link LogFollower#poll()} reads it
     * (and nothing before it), the run's new snapshot gets its plot columns, and the frame is drawn.
     * On a copy of {@code closed} without its closing bracket, in the temporary folder.
     */
    private static double pollAndDrawAfterAppends(Path closed, ViewState view, int n) throws LogReadException {
        Path copy;
        try {
            copy = Files.createTempFile("watch-cpu-", ".json");
            byte[] bytes = Files.readAllBytes(closed);
            int end = bytes.length;
            while (end > 0 && (Character.isWhitespace(bytes[end - 1]) || bytes[end - 1] == ']')) {
                end--;
            }
            Files.write(copy, Arrays.copyOf(bytes, end));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            LogFollower follower = TrainingLogs.follow(copy);
            LogSnapshot s = follower.poll();
            Assessment live = new Assessment(RunStatus.LIVE, Optional.empty(), Optional.empty());
            WatchedRun run = new WatchedRun("run", 0, s.log(), live, List.of());
            long step = s.log().record(s.log().recordCount() - 1).step();
            double spent = 0;
            for (int i = 0; i < 30 + n; i++) {
                step++;
                try (Writer w = Files.newBufferedWriter(copy, StandardOpenOption.APPEND)) {
                    w.write(",\n{\"timestamp\": " + (1_800_000_000 + step) + ".5, \"global_step\": " + step
                            + ", \"epoch\": 1.0, \"loss\": 1.5, \"learning_rate\": 1e-05}");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                long start = THREADS.getCurrentThreadCpuTime();
                s = follower.poll();
                if (s.change() != LogSnapshot.Change.APPENDED) {
                    throw new IllegalStateException("the follower saw " + s.change() + ", not an append");
                }
                run = new WatchedRun("run", 0, s.log(), live, List.of());
                FrameRenderer.render(
                        new WatchModel(List.of(run), WatchModel.DEFAULT_METRICS, Optional.empty()),
                        view,
                        ChartCharset.BRAILLE,
                        100,
                        30);
                if (i >= 30) {
                    spent += THREADS.getCurrentThreadCpuTime() - start;
                }
            }
            return spent / 1e6 / n;
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                // A temporary file left behind.
            }
        }
    }

    private static WatchModel model(TrainingLog log) {
        Assessment live = new Assessment(RunStatus.LIVE, Optional.empty(), Optional.empty());
        return new WatchModel(
                List.of(new WatchedRun("run", 0, log, live, List.of())), WatchModel.DEFAULT_METRICS, Optional.empty());
    }
}
